#!/usr/bin/env bash
# Un registre privé sur le port 5000, ses données dans un volume nommé.
docker run -d --name registre -p 5000:5000 -v registre-data:/var/lib/registry registry:2
for _ in $(seq 1 20); do
  docker run --rm --network host busybox wget -qO- http://localhost:5000/v2/ && break
  sleep 1
done
