#!/usr/bin/env bash
# exec lance une commande de plus dans le conteneur web ; diff montre la couche inscriptible.
docker top web
docker inspect --format '{{.NetworkSettings.IPAddress}}' web
docker exec web sh -c "echo '<h1>Modifié avec docker exec</h1>' > /usr/share/nginx/html/index.html"
curl -s http://localhost:8080
docker diff web
# -f : sans demander de confirmation ; web tourne, il n'est pas touché.
docker container prune -f
docker ps -a
