#!/bin/bash
# Starts the inner Docker engine in the background and waits until it answers.
# Also usable by hand if a student stopped it: `start-dockerd`.
set -uo pipefail
# The read-only mirror of Dockyard's registry, on the node's gateway (join-session.sh
# writes its address into /etc/hosts): images are "pulled" from it, offline.
registry="dockyard-registry:5001"

if docker info >/dev/null 2>&1; then exit 0; fi
# One at a time: the node's init and the server (waiting for the node) may both call it.
exec 9>/run/start-dockerd.lock
flock 9
if docker info >/dev/null 2>&1; then exit 0; fi
rm -f /var/run/docker.pid
# The C resolver reads /etc/hosts at every lookup (Go's caches it for 5 s): the mirror's
# name is written there when the node joins its session, maybe just before the first pull.
# overlay2, not btrfs (which Docker would pick on the node's btrfs disk): its layers are
# btrfs subvolumes, which the node's disk quota does not count (and which the node's
# seccomp profile refuses to create, see runtime/incus/setup-host.sh).
GODEBUG=netdns=cgo setsid dockerd \
  --storage-driver overlay2 \
  --registry-mirror "http://$registry" \
  --insecure-registry "$registry" \
  >>/var/log/dockerd.log 2>&1 </dev/null 9>&- &

for _ in $(seq 1 300); do
  docker info >/dev/null 2>&1 && exit 0
  sleep 0.1
done
echo "start-dockerd : le moteur Docker ne répond pas après 30 s (voir /var/log/dockerd.log)" >&2
exit 1
