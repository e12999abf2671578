#!/usr/bin/env bash
# a1 rejoint appnet (joignable par son nom), puis quitte le bridge par défaut.
docker network connect appnet a1
docker run --rm --network appnet busybox wget -qO- http://a1
docker network disconnect bridge a1
docker network inspect -f '{{range .Containers}}{{.Name}} {{end}}' appnet
