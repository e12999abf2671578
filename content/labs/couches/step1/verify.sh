#!/usr/bin/env bash
# Passes when the image nginx:1.22 is on the machine.
if ! docker image inspect nginx:1.22 >/dev/null 2>&1; then
  echo "L'image nginx:1.22 n'est pas sur la machine : téléchargez-la avec docker pull nginx:1.22."
  exit 1
fi
layers=$(docker image inspect --format '{{len .RootFS.Layers}}' nginx:1.22)
echo "L'image nginx:1.22 est là, faite de $layers couches de fichiers."
