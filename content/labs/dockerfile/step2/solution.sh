#!/usr/bin/env bash
# -e remplace la valeur par défaut d'ENV ; -p publie le port 8000 du conteneur sur la machine.
docker run -d --name bonjour -p 8000:8000 -e MESSAGE=Salut bonjour:1.0
# Laisse à Python le temps d'ouvrir son port.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  curl -s http://localhost:8000 && break
  sleep 0.5
done
