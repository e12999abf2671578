#!/bin/bash
# Runs a command inside the node, as its root, for the server's `docker exec` (shells and
# checks): `dockyard-enter CMD ARGS…`. Joining the node's user namespace drops every
# privilege the jail holds over the host.
STATE=/run/dockyard
# The node's init marks its own /run once its file system is in place (node/init.sh).
for _ in $(seq 1 300); do
  pid="$(cat "$STATE/node.pid" 2>/dev/null)" && [ -e "/proc/$pid/root/run/dockyard-node-ready" ] && break
  pid=""
  sleep 0.1
done
[ -n "$pid" ] || { echo "dockyard-enter : le nœud n'a pas démarré (voir docker logs)" >&2; exit 125; }
# Entering the mount namespace leaves us at the node's "/": start in root's home instead.
exec nsenter -t "$pid" -U -m -n -p -u -i -C -- /bin/sh -c 'cd /root 2>/dev/null; exec "$@"' dockyard-enter "$@"
