#!/usr/bin/env bash
# Supprime tous les conteneurs arrêtés sans demander de confirmation (-f) ; les images restent.
docker container prune -f
docker image ls
