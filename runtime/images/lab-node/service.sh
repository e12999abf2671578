#!/bin/bash
# `service docker start|stop|restart|reload|status` and `systemctl <same> docker`, as on a
# Debian server, in a node that has no systemd (its PID 1 is init.sh): installed as
# /usr/local/sbin/service and /usr/local/bin/systemctl, ahead of Debian's in the PATH.
# Only the Docker engine is a service here; for anything else, one line says so.
# A daemon.json that dockerd refuses is never applied: the engine keeps running with the
# file it read last, and the message quotes dockerd's own words.
set -uo pipefail
config=/etc/docker/daemon.json
me="$(basename "$0")"

if [ "$me" = systemctl ]; then
  action="${1:-}" unit="${2:-}" usage="systemctl start|stop|restart|reload|status docker"
  start_hint="systemctl start docker"
  # Tutorials run it after editing unit files; there are none here, so nothing to do.
  [ "$action" = daemon-reload ] && exit 0
else
  unit="${1:-}" action="${2:-}" usage="service docker start|stop|restart|reload|status"
  start_hint="service docker start"
fi
command="$me $*"

if [ "${unit%.service}" != docker ]; then
  echo "$me : « ${unit:-?} » n'est pas un service de ce nœud (pas de systemd ici) ; seul le moteur Docker se gère ainsi : $usage." >&2
  exit 1
fi

pid_of_engine() { pidof dockerd 2>/dev/null | cut -d' ' -f1; }
running() { docker info >/dev/null 2>&1; }

# The file dockerd would refuse, in French, with dockerd's own line; 0 when it is valid.
check_config() {
  local problem
  problem="$(dockerd --validate --config-file "$config" 2>&1)" && return 0
  echo "$command : $config est invalide ; $1."
  echo "  dockerd : $(tail -n 1 <<<"$problem")"
  echo "Corrigez $config (« dockerd --validate » le vérifie), puis relancez « $command »."
  return 1
} >&2

stop_engine() {
  local pid; pid="$(pid_of_engine)"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid"
  # dockerd stops its containers first (10 s each at most by default).
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "$command : dockerd (PID $pid) ne s'est pas arrêté en 30 s." >&2
  return 1
}

start_engine() {
  local code=0
  start-dockerd || code=$?
  # 3: running, but with Dockyard's configuration (start-dockerd said why).
  [ "$code" = 0 ]
}

status() {
  local pid; pid="$(pid_of_engine)"
  if [ -n "$pid" ] && running; then
    local from; from="$(tr '\0' ' ' <"/proc/$pid/cmdline" | sed -n 's/.*--config-file \([^ ]*\).*/\1/p')"
    echo "docker : actif (en marche), PID $pid, configuration ${from:-$config}"
    [ "${from:-$config}" = "$config" ] \
      || echo "  (configuration d'origine de Dockyard : $config n'a pas pu être utilisé, voir /var/log/dockerd.log)"
    return 0
  fi
  echo "docker : inactif (arrêté) ; « $start_hint » le démarre, son journal : /var/log/dockerd.log"
  return 3
}

case "$action" in
  start)
    running && exit 0
    check_config "le moteur n'a pas démarré" || exit 1
    start_engine ;;
  stop) stop_engine ;;
  restart)
    if running; then
      check_config "le moteur n'a pas été redémarré : il tourne toujours, avec la configuration d'avant" || exit 1
    else
      check_config "le moteur n'a pas démarré" || exit 1
    fi
    stop_engine && start_engine ;;
  reload)
    check_config "elle n'a pas été rechargée : le moteur garde la configuration d'avant" || exit 1
    pid="$(pid_of_engine)"
    [ -n "$pid" ] || { echo "$command : le moteur est arrêté." >&2; exit 3; }
    # dockerd reloads on SIGHUP what it can without a restart (registries, labels, debug…).
    kill -HUP "$pid" ;;
  status) status ;;
  is-active) if running; then echo active; else echo inactive; exit 3; fi ;;
  *)
    echo "$me : « ${action:-?} » n'est pas pris en charge pour docker ici ; essayez : $usage." >&2
    exit 1 ;;
esac
