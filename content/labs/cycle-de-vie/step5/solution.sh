#!/usr/bin/env bash
# exec lance une commande de plus dans le conteneur web ; diff montre la couche inscriptible.
docker top web
docker inspect --format '{{.NetworkSettings.IPAddress}}' web
docker exec web sh -c "echo '<h1>Modifié avec docker exec</h1>' > /usr/share/nginx/html/index.html"
curl -s http://localhost:8080
docker diff web
# Lancé avec --rm, jetable est supprimé par Docker dès son arrêt (on attend qu'il ait disparu).
docker stop jetable
while docker container inspect jetable >/dev/null 2>&1; do sleep 0.2; done
# -f : sans demander de confirmation ; web tourne, il n'est pas touché.
docker container prune -f
docker ps -a
