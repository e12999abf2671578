#!/usr/bin/env bash
# Sur node1 : cinq répliques au lieu de trois ; la commande rend la main quand elles tournent.
docker service scale horloge=5
docker service ps horloge
