#!/usr/bin/env bash
# Observer le projet, puis changer le message par le fichier .env et recréer web.
cd ~/compteur
docker compose ps
docker compose logs --tail 5
echo "MESSAGE=Salut" > .env
docker compose up -d
# web met une dizaine de secondes à s'arrêter (python ignore SIGTERM) : attendre la page.
for _ in $(seq 1 30); do
  docker run --rm --network host busybox wget -qO- http://127.0.0.1:8000 | grep Salut && break
  sleep 1
done
