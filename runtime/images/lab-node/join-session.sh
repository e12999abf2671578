#!/bin/bash
# dockyard-join-session <node name> <address/32> <gateway> [catalog url] < session's /etc/hosts lines
# Run by the server (through Incus's exec, inside the node) once its eth0 (an Incus routed
# NIC: the host routes the address to it) has its session's address: names the node, sets
# the address and the route through the host (again: a NIC made anew while the node runs
# comes up bare, see runtime/incus/incus-driver.ts claimSpare), writes the session's names (its
# nodes, the registry mirror at the gateway: lines ending "# dockyard", given on standard
# input, see runtime/incus/session-hosts.ts) and starts the student's shell, so that the
# first terminal finds it ready.
set -euo pipefail
node="$1" address="$2" gateway="$3" catalog_url="${4:-}"
hostname "$node"
echo "$node" >/etc/hostname
ip link set eth0 up
# A node started again (resumed) has its address already (Incus sets it at boot): no blip for
# the engine, which may be starting its containers and its swarm on it at this very moment.
if ! ip -4 -o addr show dev eth0 scope global | grep -q " inet ${address%/*}/"; then
  ip addr flush dev eth0 scope global
  ip addr add "$address" dev eth0
fi
ip route replace "$gateway" dev eth0 scope link
ip route replace default via "$gateway" dev eth0
# Lookups of outside names are refused at once by the gateway, instead of timing out.
echo "nameserver $gateway" >/etc/resolv.conf
{ grep -v ' # dockyard$' /etc/hosts || true; cat; } >/etc/hosts.new
cat /etc/hosts.new >/etc/hosts && rm -f /etc/hosts.new
# The app's page of offline images, which docker names when an image is missing (docker-hints.sh).
if [ -n "$catalog_url" ]; then
  mkdir -p /etc/dockyard && printf '%s\n' "$catalog_url" >/etc/dockyard/catalog-url
fi
# sshd, for `ssh node01` between the session's machines (sshd.conf; the key is shared by
# runtime/incus/session-ssh.ts once this script is done). Its host key is made here, not in
# the image, so that no two nodes share one.
if command -v sshd >/dev/null; then
  [ -s /etc/ssh/ssh_host_ed25519_key ] || ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key </dev/null
  mkdir -p -m 755 /run/sshd
  pgrep -x sshd >/dev/null || /usr/sbin/sshd
fi
# The shell starts after the name is set: bash reads it once, for its prompt. A node that
# comes back (a paused lab resumed, runtime/incus/node-persistence.ts) opens it where the
# student's shell was when the node stopped.
if ! tmux has-session -t dockyard 2>/dev/null; then
  cwd=/root
  if [ -r /var/lib/dockyard/cwd ]; then
    read -r last </var/lib/dockyard/cwd || true
    [ -d "${last:-}" ] && cwd="$last"
    rm -f /var/lib/dockyard/cwd
  fi
  cd "$cwd" && tmux new-session -d -s dockyard -x 80 -y 24 bash -l
fi
