#!/usr/bin/env bash
# Un registre privé sur le port 5000, ses données dans un volume nommé.
docker run -d --name registre -p 5000:5000 -v registre-data:/var/lib/registry registry:2
# Le registre met un instant à ouvrir son port : on attend sa réponse.
for _ in $(seq 1 20); do
  curl -s http://localhost:5000/v2/ && break
  sleep 1
done
