#!/usr/bin/env bash
# egress-log.sh [session id]: what lab nodes asked of the internet (the egress proxy's log,
# $DOCKYARD_DATA_DIR/logs/egress/access.log), one line per request:
#   time  session  node  autorisé|refusé  host[:port]  (node address, method, HTTP status)
# The proxy logs the node's address; its session is read from the labels of the node that
# holds that address now (incus list), so a session that has ended shows as « - » with its
# address (each session had a /26 of its own: runtime/incus/session-subnets.ts).
# With a session id, only that session's lines.
set -euo pipefail
LOG="${DOCKYARD_DATA_DIR:-data}/logs/egress/access.log"
[ -r "$LOG" ] || { echo "Pas de journal $LOG : l'accès à internet des labs (DOCKYARD_INTERNET=on) n'a jamais servi ici." >&2; exit 1; }
nodes="$(incus list user.dockyard.managed=true -f csv -c 'user.dockyard.address,user.dockyard.session,user.dockyard.node' 2>/dev/null || true)"
awk -v only="${1:-}" -v nodes="$nodes" '
  BEGIN {
    n = split(nodes, rows, "\n")
    for (i = 1; i <= n; i++) if (split(rows[i], f, ",") >= 3 && f[1] != "") { session[f[1]] = f[2]; node[f[1]] = f[3] }
  }
  {
    time = $1; address = $2; method = $3; url = $4; status = $5; result = $6
    host = url; sub(/^[a-z]+:\/\//, "", host); sub(/\/.*/, "", host)
    s = (address in session) ? session[address] : "-"
    if (only != "" && s != only) next
    printf "%s  %s  %s  %s  %s  (%s, %s, %s)\n", time, s, (address in node) ? node[address] : address,
      (result ~ /DENIED/) ? "refusé" : "autorisé", host, address, method, status
  }' "$LOG"
