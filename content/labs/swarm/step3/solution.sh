#!/usr/bin/env bash
# Sur node1 : trois répliques d'une horloge ; la commande rend la main quand elles tournent.
docker service create --name horloge --replicas 3 busybox sh -c 'while true; do date; sleep 5; done'
docker service ps horloge
