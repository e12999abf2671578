#!/bin/bash
# `dockyard-rejoin-network`, run by the server in the jail when a spare node joins a session:
# Docker has just connected the container to the session's network (and disconnected the
# spares' one); the node takes the new address.
set -euo pipefail
source /usr/local/lib/dockyard/network.sh
pid="$(cat /run/dockyard/node.pid)"
for _ in $(seq 1 50); do
  read -r iface addr <<<"$(container_interface)"
  [ -n "${addr:-}" ] && break
  sleep 0.1
done
[ -n "${addr:-}" ] || { echo "dockyard-rejoin-network : aucune adresse reçue de Docker" >&2; exit 1; }
hand_over "$pid" "$iface" "$addr"
