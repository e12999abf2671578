#!/usr/bin/env bash
# Passes when every local name of bonjour is gone but localhost:5000/bonjour:1.0, and that image
# came back from the registry: its logs show the image's configuration downloaded (GET of the
# blob named by the image id). A pull of an image still present downloads nothing, so removing
# only some of its names cannot pass.
for name in bonjour:1.0 localhost:5000/bonjour:latest; do
  if docker image inspect "$name" >/dev/null 2>&1; then
    echo "L'image locale $name existe encore : supprimez les copies locales avec"
    echo "docker image rm bonjour:1.0 localhost:5000/bonjour:1.0 localhost:5000/bonjour:latest."
    exit 1
  fi
done
id=$(docker image inspect -f '{{.Id}}' localhost:5000/bonjour:1.0 2>/dev/null)
if [ -z "$id" ]; then
  echo "Les copies locales sont supprimées. Tirez maintenant l'image : docker pull localhost:5000/bonjour:1.0."
  exit 1
fi
if ! docker logs registre 2>&1 | grep -q "\"GET /v2/bonjour/blobs/$id HTTP"; then
  echo "localhost:5000/bonjour:1.0 n'a pas été téléchargée depuis le registre : docker pull ne télécharge rien"
  echo "quand l'image est encore là. Supprimez-la (docker image rm localhost:5000/bonjour:1.0), puis"
  echo "tirez-la de nouveau : docker pull localhost:5000/bonjour:1.0."
  exit 1
fi
echo "localhost:5000/bonjour:1.0 a été téléchargée depuis votre registre : $(docker run --rm localhost:5000/bonjour:1.0)"
