#!/usr/bin/env bash
# Passes when node1 is a swarm manager.
if [ "$(docker info --format '{{.Swarm.ControlAvailable}}' 2>/dev/null)" != "true" ]; then
  echo "node1 n'est pas encore manager d'un essaim : lancez docker swarm init --advertise-addr eth0 sur l'onglet node1."
  exit 1
fi
echo "node1 est le manager de l'essaim."
