#!/usr/bin/env bash
# Un conteneur sur le bridge par défaut : joignable par son adresse, pas par son nom.
docker network ls
docker run -d --name a1 nginx:alpine
ip=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' a1)
docker run --rm busybox ping -c 1 "$ip"
docker run --rm busybox ping -c 1 a1 || echo "Pas de DNS sur le bridge par défaut."
