#!/bin/bash
# PID 1 of the node, already inside its own namespaces and running as its root (uid 100000
# on the host). Builds the node's file system view from /sandbox, starts its Docker engine
# and stays alive. Started by the jail (jail/entrypoint.sh).
set -uo pipefail
source /usr/local/lib/dockyard/cgroups.sh
NEW=/sandbox

log() { echo "[dockyard-node] $*" >&2; }

DISK=/node-disk

mount --make-rprivate /
# The node's files: the image's, read-only, under the changes kept on the node's own disk
# (userxattr: a user namespace keeps overlay's own attributes in the user.* namespace).
mkdir -p "$DISK/changes" "$DISK/overlay-work" "$DISK/docker"
mount -t overlay overlay -o "userxattr,lowerdir=$NEW,upperdir=$DISK/changes,workdir=$DISK/overlay-work" "$NEW" \
  || { log "impossible de monter le système de fichiers du nœud"; exit 1; }
mount -t proc proc "$NEW/proc"
mount -t sysfs sysfs "$NEW/sys"
mount_cgroups "$NEW/sys/fs/cgroup"

# A /dev with the usual character devices only (the node cannot create device nodes).
mount -t tmpfs -o mode=755,nosuid dev "$NEW/dev"
for dev in null zero full random urandom tty; do
  touch "$NEW/dev/$dev"
  mount --bind "/dev/$dev" "$NEW/dev/$dev"
done
mkdir -p "$NEW/dev/pts" "$NEW/dev/shm" "$NEW/dev/mqueue"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$NEW/dev/pts"
ln -s pts/ptmx "$NEW/dev/ptmx"
mount -t tmpfs -o nosuid,nodev shm "$NEW/dev/shm"
mount -t mqueue mqueue "$NEW/dev/mqueue" || true
ln -s /proc/self/fd "$NEW/dev/fd"
ln -s /proc/self/fd/0 "$NEW/dev/stdin"
ln -s /proc/self/fd/1 "$NEW/dev/stdout"
ln -s /proc/self/fd/2 "$NEW/dev/stderr"

# The engine's storage on the disk itself: overlay2 cannot sit on an overlay.
mkdir -p "$NEW/var/lib/docker"
mount --bind "$DISK/docker" "$NEW/var/lib/docker"
mount -t tmpfs -o mode=755,nosuid,nodev run "$NEW/run"
# Docker wrote these for the container; the node keeps its own, editable copies.
cat /etc/hosts >"$NEW/etc/hosts"
cat /etc/resolv.conf >"$NEW/etc/resolv.conf"

cd "$NEW" && mkdir -p .jail && pivot_root . .jail && cd / && umount -l /.jail && rmdir /.jail \
  || { log "pivot_root impossible"; exit 1; }

# Debian defaults to iptables-nft; some kernels refuse nftables in a namespace.
if ! iptables -nL >/dev/null 2>&1; then
  update-alternatives --set iptables /usr/sbin/iptables-legacy >/dev/null
  update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy >/dev/null
fi
touch /run/dockyard-node-ready
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
start-dockerd || log "le moteur Docker interne n'a pas démarré (voir /var/log/dockerd.log)"
# Stay alive (and reap orphans) even if the engine dies: the student's shell must not vanish.
exec tini -s -- sleep infinity
