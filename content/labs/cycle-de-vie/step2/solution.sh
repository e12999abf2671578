#!/usr/bin/env bash
# Un serveur nginx en arrière-plan, publié sur le port 8080 de la machine, configuré par -e.
docker run -d --name web -p 8080:80 -e ENVIRONNEMENT=formation nginx
# Attend que nginx réponde, puis lit ses journaux.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  curl -s http://localhost:8080 | grep title && break
  sleep 0.5
done
docker logs --tail 2 web
