#!/usr/bin/env bash
# Passes when the swarm has three ready nodes.
ready=$(docker node ls --format '{{.Hostname}} {{.Status}}' 2>/dev/null | grep -c ' Ready$')
if [ "$ready" -lt 3 ]; then
  echo "L'essaim compte $ready nœud(s) prêt(s) sur 3 : exécutez la commande docker swarm join … sur node2 et node3."
  docker node ls --format '  {{.Hostname}} : {{.Status}}' 2>/dev/null
  exit 1
fi
echo "Les trois nœuds sont dans l'essaim."
