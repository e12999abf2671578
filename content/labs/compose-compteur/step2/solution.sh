#!/usr/bin/env bash
# Construire, créer et démarrer tout le projet, puis attendre que la page réponde.
cd ~/compteur
docker compose up -d
for _ in $(seq 1 30); do
  docker run --rm --network host busybox wget -qO- http://127.0.0.1:8000 && break
  sleep 1
done
