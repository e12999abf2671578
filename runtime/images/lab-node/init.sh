#!/bin/bash
# PID 1 of a lab node (Incus runs /sbin/init, a link to this file). Everything here runs
# inside the node, as its root, with no privilege over the host: Incus made the namespaces,
# the cgroups (mounted read-write for the inner engine) and the uid map before exec'ing us.
# Starts the node's Docker engine and stays alive; the network comes when the node joins a
# session (join-session.sh), so that a spare node can wait with none.
if [ "$$" = 1 ]; then
  # PID 1 stays a plain loop: the kernel spares PID 1 every signal it has no handler for, so
  # a student's `kill -9 -1` leaves the node up (as on any Linux machine), and bash reaps the
  # orphans it inherits. What follows runs as its child, started again if it is killed: the
  # inner engine comes back like a service. Incus stops a node with SIGPWR.
  trap 'exit 0' PWR TERM
  while :; do
    "$0" "$@" &
    wait
    sleep 1
  done
fi
set -uo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8

log() { echo "[dockyard-node] $*" >&2; }

ip link set lo up
# The image's /etc/hosts is empty (Docker owns it while building): without localhost, every
# lookup of it goes to the network (the inner engine does one per container: 5 s each).
if ! grep -q '^127.0.0.1[[:space:]]*localhost' /etc/hosts 2>/dev/null; then
  printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >/etc/hosts
fi
# Debian defaults to iptables-nft; some kernels refuse nftables in a namespace.
if ! iptables -nL >/dev/null 2>&1; then
  update-alternatives --set iptables /usr/sbin/iptables-legacy >/dev/null
  update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy >/dev/null
fi
# start-dockerd falls back to Dockyard's configuration when the student's daemon.json is
# broken, and says so in /var/log/dockerd.log.
start-dockerd || log "moteur Docker interne : voir /var/log/dockerd.log"
# Stay alive even if the engine dies.
exec sleep infinity
