#!/usr/bin/env bash
# Le compose.yaml de la leçon, puis la pile démarrée ; on attend que la base réponde.
mkdir -p ~/datasci && cd ~/datasci
cat > compose.yaml <<'FIN'
services:
  notebook:
    image: python:3.11
    working_dir: /travail
    command: ["python", "-m", "http.server", "8888"]
    ports:
      - "8888:8888"
    environment:
      PGHOST: base
      PGUSER: analyste
      PGPASSWORD: motdepasse
      PGDATABASE: mesures
    volumes:
      - travail:/travail
    tmpfs:
      - /tmp
    depends_on:
      - base

  base:
    image: postgres:15
    environment:
      POSTGRES_USER: analyste
      POSTGRES_PASSWORD: motdepasse
      POSTGRES_DB: mesures
    volumes:
      - donnees-pg:/var/lib/postgresql/data

volumes:
  travail:
  donnees-pg:
FIN
docker compose up -d
docker compose ps
for _ in $(seq 1 25); do
  docker exec datasci-notebook-1 python -c "import socket; socket.create_connection(('base', 5432), 2)" 2>/dev/null && break
  sleep 1
done
docker compose logs --tail 3 base
