#!/usr/bin/env bash
# Sur node2, puis sur node3 : rejoindre l'essaim du manager node1 avec le jeton affiché sur
# node1 (lab:test le transmet dans DOCKYARD_PREVIOUS_OUTPUT ; à la main, collez plutôt la
# commande complète affichée par docker swarm join-token worker).
docker swarm join --token "$DOCKYARD_PREVIOUS_OUTPUT" node1:2377
