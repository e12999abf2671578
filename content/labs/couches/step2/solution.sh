#!/usr/bin/env bash
# La couche de base, déjà présente avec nginx, n'est pas retéléchargée (Already exists).
docker pull httpd:2.4
docker image inspect --format '{{index .RootFS.Layers 0}}' nginx:1.22 httpd:2.4
docker system df
