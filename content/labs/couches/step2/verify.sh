#!/usr/bin/env bash
# Passes when httpd:2.4 is on the machine next to nginx:1.22, sharing its base layer.
if ! docker image inspect nginx:1.22 >/dev/null 2>&1; then
  echo "L'image nginx:1.22 n'est plus sur la machine : refaites docker pull nginx:1.22."
  exit 1
fi
if ! docker image inspect httpd:2.4 >/dev/null 2>&1; then
  echo "L'image httpd:2.4 n'est pas sur la machine : téléchargez-la avec docker pull httpd:2.4."
  exit 1
fi
base_nginx=$(docker image inspect --format '{{index .RootFS.Layers 0}}' nginx:1.22)
base_httpd=$(docker image inspect --format '{{index .RootFS.Layers 0}}' httpd:2.4)
if [ "$base_nginx" != "$base_httpd" ]; then
  echo "Les deux images ne partagent pas leur première couche : ce n'est pas l'image httpd:2.4 du catalogue."
  exit 1
fi
echo "nginx:1.22 et httpd:2.4 partagent la couche ${base_nginx:7:12}…, stockée une seule fois."
