#!/usr/bin/env bash
# Un port publié vers l'extérieur, et un conteneur sans réseau.
docker run -d --name site -p 8080:80 nginx:alpine
docker port site
for _ in $(seq 1 20); do
  docker run --rm --network host busybox wget -qO- http://127.0.0.1:8080 | grep title && break
  sleep 1
done
docker run -d --name isole --network none alpine sleep 3600
docker exec isole ip addr
