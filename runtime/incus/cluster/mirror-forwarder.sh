#!/usr/bin/env bash
# mirror-forwarder.sh — the registry mirror of a runtime machine that has none of its own.
#   bash runtime/incus/cluster/mirror-forwarder.sh <upstream host:port>   start (or keep) the relay
#   bash runtime/incus/cluster/mirror-forwarder.sh --stop                 stop it
#   bash runtime/incus/cluster/mirror-forwarder.sh --status               exit 0 if it runs
#   bash runtime/incus/cluster/mirror-forwarder.sh --run <upstream>       the relay itself, in the foreground
#
# Lab nodes pull images from 169.254.0.1:5001, the gateway of their routed NIC, i.e. their own
# host (runtime/images/lab-node/start-dockerd.sh; host-firewall.sh opens that port to them
# and nothing else). The first machine runs the read-only mirror there
# (runtime/images/build-all.sh); a cluster member has no registry, so this relays its port
# 5001 to the first machine's mirror (upstream, e.g. 10.0.0.10:5001), with socat: one TCP
# connection relayed per connection, nothing stored. The mirror is read-only, and so is the
# relay: a push is refused upstream.
#
# Kept running without systemd: a loop in its own session restarts socat if it exits (pid
# file in DOCKYARD_RUN_DIR, default /run/dockyard, log beside it). Under systemd, run
# `--run <upstream>` as a service instead (docs/operations.md, "Adding a runtime machine").
# Called by add-member.sh, and by test/cluster/cluster-rig.sh inside each member's namespaces.
set -euo pipefail

PORT=5001
RUN_DIR="${DOCKYARD_RUN_DIR:-/run/dockyard}"
PID_FILE="$RUN_DIR/mirror-forwarder.pid"
UPSTREAM_FILE="$RUN_DIR/mirror-forwarder.upstream"
LOG="$RUN_DIR/mirror-forwarder.log"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31mERREUR :\033[0m %s\n' "$*" >&2; exit 1; }

valid_upstream() { [[ "$1" =~ ^[A-Za-z0-9._-]+:[0-9]+$ ]]; }

# The loop's pid when it runs (its command line says so: the pid may have been reused).
running_pid() {
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'mirror-forwarder.sh --run ' || return 1
  printf '%s' "$pid"
}

stop() {
  local pid
  if pid="$(running_pid)"; then
    # The loop leads its own process group (setsid): the loop, socat and its connections.
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE" "$UPSTREAM_FILE"
}

listening() { ss -Hltn "sport = :$PORT" 2>/dev/null | grep -q .; }

case "${1:-}" in
  --run)
    upstream="${2:-}"
    valid_upstream "$upstream" || die "relais : adresse du miroir invalide « $upstream » (attendu : hôte:port)"
    command -v socat >/dev/null || die "socat manque : apt-get install socat"
    trap 'exit 0' TERM INT
    while :; do
      # reuseaddr: restarts at once; fork: one child per connection (docker pulls several layers at once).
      socat "TCP4-LISTEN:$PORT,fork,reuseaddr,backlog=128" "TCP:$upstream,connect-timeout=5" || true
      echo "$(date -Is) socat s'est arrêté ; redémarrage dans 1 s" >&2
      sleep 1
    done
    ;;
  --stop)
    stop
    exit 0
    ;;
  --status)
    if pid="$(running_pid)"; then echo "relais du miroir : pid $pid, vers $(cat "$UPSTREAM_FILE" 2>/dev/null)"; exit 0; fi
    echo "relais du miroir : arrêté"
    exit 1
    ;;
  '' | -*)
    die "usage : mirror-forwarder.sh <miroir hôte:port> | --stop | --status"
    ;;
esac

upstream="$1"
valid_upstream "$upstream" || die "adresse du miroir invalide « $upstream » (attendu : hôte:port, par exemple 10.0.0.10:5001)"
command -v socat >/dev/null || die "socat manque : apt-get install socat (add-member.sh l'installe)"
mkdir -p "$RUN_DIR"

if running_pid >/dev/null && [ "$(cat "$UPSTREAM_FILE" 2>/dev/null)" = "$upstream" ] && listening; then
  say "Relais du miroir déjà en place (port $PORT → $upstream)."
  exit 0
fi
stop
if listening; then
  die "le port $PORT est déjà pris sur cette machine ($(ss -Hltnp "sport = :$PORT" | head -n1)). Le miroir lui-même tourne-t-il ici ? Ce relais ne sert que sur un membre qui n'a pas de registre."
fi
# The mirror should answer now; if not, say so, but relay anyway (it may come up later).
host="${upstream%:*}" port="${upstream##*:}"
if ! timeout 5 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" 2>/dev/null; then
  say "Attention : le miroir $upstream ne répond pas (encore ?). Ouvrez le port $port/tcp de cette machine vers lui ; le relais démarre quand même."
fi

say "Démarrage du relais du miroir : port $PORT de cette machine → $upstream (journal : $LOG)…"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
setsid nohup bash "$here/mirror-forwarder.sh" --run "$upstream" >>"$LOG" 2>&1 </dev/null &
echo "$!" >"$PID_FILE"
echo "$upstream" >"$UPSTREAM_FILE"
for _ in $(seq 1 50); do listening && exit 0; sleep 0.1; done
die "le relais n'écoute pas sur le port $PORT après 5 s (voir $LOG)"
