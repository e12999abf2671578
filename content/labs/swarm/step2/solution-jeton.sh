#!/usr/bin/env bash
# Sur node1 : le jeton que les workers présentent pour rejoindre l'essaim.
docker swarm join-token --quiet worker
