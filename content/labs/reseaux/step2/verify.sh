#!/usr/bin/env bash
# Passes when the bridge network appnet exists, web runs on it and answers by its name.
driver=$(docker network inspect -f '{{.Driver}}' appnet 2>/dev/null)
if [ "$driver" != "bridge" ]; then
  echo "Aucun réseau appnet de type bridge : créez-le avec docker network create appnet."
  exit 1
fi
state=$(docker inspect -f '{{.State.Status}}' web 2>/dev/null)
if [ "$state" != "running" ]; then
  echo "Le conteneur web ne tourne pas (${state:-inexistant}) : lancez docker run -d --name web --network appnet nginx:alpine."
  exit 1
fi
if [ -z "$(docker inspect -f '{{with index .NetworkSettings.Networks "appnet"}}oui{{end}}' web)" ]; then
  echo "Le conteneur web n'est pas branché sur appnet : supprimez-le (docker rm -f web)"
  echo "et relancez-le avec --network appnet."
  exit 1
fi
if ! timeout 10 docker run --rm --network appnet busybox wget -q -O /dev/null http://web 2>/dev/null; then
  echo "Depuis appnet, le nom web ne répond pas encore : réessayez dans un instant."
  exit 1
fi
echo "Sur appnet, le DNS intégré résout web : un autre conteneur le joint par son nom."
