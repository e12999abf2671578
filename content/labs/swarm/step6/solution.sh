#!/usr/bin/env bash
# Sur node1 : nginx:alpine remplacé par nginx:1.22, une tâche à la fois, cinq secondes
# entre deux ; la commande rend la main quand les tâches ont convergé.
docker service update --image nginx:1.22 --update-parallelism 1 --update-delay 5s web
# L'essaim déclare la mise à jour terminée (completed) un instant après.
for _ in $(seq 1 30); do
  [ "$(docker service inspect web --format '{{.UpdateStatus.State}}')" = "completed" ] && break
  sleep 1
done
docker service ps web
