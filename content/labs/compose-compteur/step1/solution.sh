#!/usr/bin/env bash
# Le fichier compose.yaml de la leçon, écrit dans le dossier du projet, puis relu par Compose.
cd ~/compteur
cat > compose.yaml <<'FIN'
services:
  web:
    build: .
    ports:
      - "8000:8000"
    environment:
      REDIS_HOST: redis
      MESSAGE: ${MESSAGE:-Bonjour}
    depends_on:
      - redis
    networks:
      - back

  redis:
    image: redis:7-alpine
    command: ["redis-server", "--appendonly", "yes"]
    volumes:
      - redis-data:/data
    networks:
      - back

volumes:
  redis-data:

networks:
  back:
FIN
docker compose config
