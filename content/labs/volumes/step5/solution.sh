#!/usr/bin/env bash
# Sauvegarde du volume pgdata (base arrêtée), destruction, puis restauration et relecture.
docker stop db
mkdir -p ~/sauvegardes
docker run --rm -v pgdata:/source:ro -v "$HOME/sauvegardes":/backup alpine \
  tar czf /backup/pgdata.tar.gz -C /source .
tar tzf ~/sauvegardes/pgdata.tar.gz | head
# La catastrophe : plus de conteneur, plus de volume.
docker rm db
docker volume rm pgdata
# Un volume neuf, l'archive extraite dedans, puis une base qui le monte.
docker volume create pgdata
docker run --rm -v pgdata:/cible -v "$HOME/sauvegardes":/backup alpine \
  tar xzf /backup/pgdata.tar.gz -C /cible
docker run -d --name db -e POSTGRES_PASSWORD=motdepasse \
  -v pgdata:/var/lib/postgresql/data postgres:15
for _ in $(seq 1 30); do
  docker exec db pg_isready -q -U postgres && break
  sleep 1
done
docker exec db psql -U postgres -c "SELECT * FROM notes;"
