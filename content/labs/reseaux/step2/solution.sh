#!/usr/bin/env bash
# Un réseau défini par l'utilisateur : son DNS résout le nom des conteneurs.
docker network create appnet
docker run -d --name web --network appnet nginx:alpine
docker run --rm --network appnet busybox ping -c 2 web
docker run --rm --network appnet busybox wget -qO- http://web
docker network inspect appnet
