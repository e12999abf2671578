#!/usr/bin/env bash
# Passes when site publishes its port 80 on 8080 (and answers) and isole runs with no network.
state=$(docker inspect -f '{{.State.Status}}' site 2>/dev/null)
if [ "$state" != "running" ]; then
  echo "Le conteneur site ne tourne pas (${state:-inexistant}) : lancez docker run -d --name site -p 8080:80 nginx:alpine."
  exit 1
fi
if ! docker port site 80/tcp 2>/dev/null | grep -q ':8080$'; then
  echo "Le port 80 du conteneur site n'est pas publié sur le port 8080 : supprimez-le (docker rm -f site)"
  echo "et relancez-le avec -p 8080:80."
  exit 1
fi
if ! timeout 10 docker run --rm --network host busybox wget -q -O /dev/null http://127.0.0.1:8080 2>/dev/null; then
  echo "Rien ne répond sur le port 8080 de la machine : réessayez dans un instant."
  exit 1
fi
state=$(docker inspect -f '{{.State.Status}}' isole 2>/dev/null)
if [ "$state" != "running" ]; then
  echo "Le port 8080 est publié. Lancez maintenant le conteneur isole : docker run -d --name isole --network none alpine sleep 3600."
  exit 1
fi
mode=$(docker inspect -f '{{.HostConfig.NetworkMode}}' isole)
if [ "$mode" != "none" ]; then
  echo "Le conteneur isole est sur le réseau $mode : supprimez-le (docker rm -f isole) et relancez-le avec --network none."
  exit 1
fi
echo "site répond sur le port 8080 de la machine, et isole n'a aucun réseau."
