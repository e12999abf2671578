#!/bin/bash
# dockyard-join-session <node name> <address/prefix> <gateway>
# Run by the server (through Incus's exec, inside the node) once the node's eth0 is on its
# session's bridge: names the node and gives it its address. The session's names (its
# nodes, the registry mirror at the gateway) arrive in /etc/hosts right after
# (runtime/incus/session-hosts.ts).
set -euo pipefail
node="$1" address="$2" gateway="$3"
hostname "$node"
echo "$node" >/etc/hostname
ip link set eth0 up
ip addr flush dev eth0 scope global
ip addr add "$address" dev eth0
ip route replace default via "$gateway"
# Lookups of outside names are refused at once by the gateway, instead of timing out.
echo "nameserver $gateway" >/etc/resolv.conf
