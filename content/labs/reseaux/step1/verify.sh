#!/usr/bin/env bash
# Passes when the container a1 runs on the default bridge network.
state=$(docker inspect -f '{{.State.Status}}' a1 2>/dev/null)
if [ "$state" != "running" ]; then
  echo "Le conteneur a1 ne tourne pas (${state:-inexistant}) : lancez docker run -d --name a1 nginx:alpine."
  exit 1
fi
nets=$(docker inspect -f '{{range $n, $_ := .NetworkSettings.Networks}}{{$n}} {{end}}' a1)
if [ "$nets" != "bridge " ]; then
  echo "Le conteneur a1 doit être sur le seul bridge par défaut (trouvé : ${nets:-aucun réseau}) :"
  echo "lancez-le sans option --network."
  exit 1
fi
echo "a1 tourne sur le bridge par défaut, à l'adresse $(docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}}' a1)."
