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
# Two steps, so that no process holding the host's root uid ever shows up inside the node
# (where the node's root could trace it before it drops that uid):
# 1. in the jail's PID namespace, join the node's other namespaces and become its root;
# 2. as the node's root, join its PID namespace (with the node's own nsenter: at that point
#    nothing the node's root could tamper with runs with more than its own privileges).
# Entering the mount namespace leaves us at the node's "/": start in root's home instead.
exec nsenter -t "$pid" -U -m -n -u -i -C -- \
  nsenter -t 1 -p -- /bin/sh -c 'cd /root 2>/dev/null; exec "$@"' dockyard-enter "$@"
