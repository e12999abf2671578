#!/usr/bin/env bash
# Un conteneur dont le namespace NET ne contient que lo.
docker run -d --name sans-reseau --network none alpine sleep 3600
docker exec sans-reseau ip addr
docker exec isole id   # uid=0(root)
