#!/bin/bash
# Starts the node's Docker engine in the background and waits until it answers. Run by the
# node's init, by the server when a node starts (runtime/incus/incus-driver.ts) and by
# `service docker start|restart` (service.sh); also usable by hand: `start-dockerd`.
# The engine reads its whole configuration from /etc/docker/daemon.json (no flags: a flag
# and the same key in the file stop dockerd, and the registries lesson has students edit
# that file). Why each key of Dockyard's daemon.json (also kept as the fallback below) is there:
# - registry-mirrors, insecure-registries: the read-only mirror of Dockyard's registry, on
#   the node's gateway (join-session.sh writes its name into /etc/hosts): images are
#   "pulled" from it, offline, over plain HTTP;
# - storage-driver overlay2, not btrfs (which Docker would pick on the node's btrfs disk):
#   its layers are btrfs subvolumes, which the node's disk quota does not count (and which
#   the node's seccomp profile refuses to create, see runtime/incus/setup-host.sh).
# When the student's daemon.json is invalid, or the engine does not start with it, the
# engine starts with Dockyard's copy instead, and says so here and in /var/log/dockerd.log:
# a node is never left without an engine.
# Exit: 0 running with /etc/docker/daemon.json, 3 running with Dockyard's copy, 1 not running.
set -uo pipefail
config=/etc/docker/daemon.json
fallback=/usr/local/share/dockyard/daemon.json
logfile=/var/log/dockerd.log

if docker info >/dev/null 2>&1; then exit 0; fi
# One at a time: the node's init and the server (waiting for the node) may both call it.
exec 9>/run/start-dockerd.lock
flock 9
if docker info >/dev/null 2>&1; then exit 0; fi

note() { printf '%s [dockyard] %s\n' "$(date -Is)" "$*" >>"$logfile"; }

# launch <config file>: 0 once the engine answers; 1 if dockerd exits or is still silent
# after 30 s, with its last error line in $failure.
failure=""
launch() {
  local from pid
  from=$(($(stat -c %s "$logfile" 2>/dev/null || echo 0) + 1))
  rm -f /var/run/docker.pid
  # The C resolver reads /etc/hosts at every lookup (Go's caches it for 5 s): the mirror's
  # name is written there when the node joins its session, maybe just before the first pull.
  GODEBUG=netdns=cgo setsid dockerd --config-file "$1" >>"$logfile" 2>&1 </dev/null 9>&- &
  pid=$!
  for _ in $(seq 1 300); do
    docker info >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  failure="$(tail -c "+$from" "$logfile" | grep -E 'unable to configure|failed to start|level=(fatal|error)' | tail -n 1)"
  [ -n "$failure" ] || failure="dockerd ne répond pas après 30 s"
  kill "$pid" 2>/dev/null
  return 1
}

# Falls back to Dockyard's configuration, saying why ($1) on stderr and in the log.
fall_back() {
  local why="$1"
  note "$config : $why"
  note "démarrage du moteur avec la configuration d'origine de Dockyard ($fallback)"
  if launch "$fallback"; then
    echo "start-dockerd : le moteur ne peut pas utiliser $config ($why) : il tourne avec la configuration d'origine de Dockyard ($fallback). Corrigez le fichier puis « service docker restart »." >&2
    exit 3
  fi
  echo "start-dockerd : le moteur Docker n'a pas démarré : $failure (voir $logfile)" >&2
  exit 1
}

if ! problem="$(dockerd --validate --config-file "$config" 2>&1)"; then
  fall_back "fichier invalide : $(tail -n 1 <<<"$problem")"
fi
launch "$config" && exit 0
fall_back "le moteur n'a pas démarré avec ce fichier : $failure"
