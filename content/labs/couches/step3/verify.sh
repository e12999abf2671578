#!/usr/bin/env bash
# Passes when monsite:v2 names the same image as nginx:1.22 and monsite:v1 is gone.
if ! docker image inspect nginx:1.22 >/dev/null 2>&1; then
  echo "L'image nginx:1.22 n'est plus sur la machine : refaites docker pull nginx:1.22, puis les étiquettes."
  exit 1
fi
if ! docker image inspect monsite:v2 >/dev/null 2>&1; then
  echo "Aucune image ne s'appelle monsite:v2 : créez l'étiquette avec docker tag nginx:1.22 monsite:v2."
  exit 1
fi
if [ "$(docker image inspect --format '{{.Id}}' monsite:v2)" != "$(docker image inspect --format '{{.Id}}' nginx:1.22)" ]; then
  echo "monsite:v2 ne désigne pas la même image que nginx:1.22 : refaites docker tag nginx:1.22 monsite:v2."
  exit 1
fi
if docker image inspect monsite:v1 >/dev/null 2>&1; then
  echo "L'étiquette monsite:v1 existe encore : retirez-la avec docker image rm monsite:v1."
  exit 1
fi
echo "monsite:v2 et nginx:1.22 sont la même image, et monsite:v1 a bien été retirée."
