#!/usr/bin/env bash
# Un dossier de la machine servi par nginx, monté en lecture seule.
mkdir -p ~/site && echo '<h1>Bonjour</h1>' > ~/site/index.html
docker run -d --name site -p 8080:80 \
  --mount type=bind,source="$HOME/site",target=/usr/share/nginx/html,readonly nginx:alpine
echo '<h1>Bonjour, bind mount !</h1>' > ~/site/index.html
docker exec site touch /usr/share/nginx/html/essai || echo "Lecture seule, comme prévu."
# nginx démarre en un instant : attendre qu'il réponde.
for _ in $(seq 1 20); do
  docker run --rm --network host busybox wget -qO- http://127.0.0.1:8080/ && break
  sleep 1
done
