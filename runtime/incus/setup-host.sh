#!/usr/bin/env bash
# Prepares this machine's Incus for Dockyard's lab nodes (idempotent, run by ./dockyard):
# - starts incusd if it does not answer (no systemd needed);
# - a copy-on-write storage pool for the nodes' disks (btrfs on a loop file: a node's disk
#   is a snapshot of the image, 0.3 s to make, instead of a 7 s copy with the `dir` driver);
# - the nodes' profile: unprivileged, each node with a uid range of its own on the host
#   (security.idmap.isolated), nesting for its Docker engine; on a cgroup v1 host the
#   cgroup hierarchies are mounted read-write inside, or runc finds no cgroup to use; no
#   guest API socket (/dev/incus), which would show the node its own Dockyard labels;
#   no new btrfs subvolume or snapshot (a subvolume has a quota of its own, so writes in one
#   made inside the node would escape the node's disk quota and could fill the pool).
# - the host firewall that keeps nodes apart (host-firewall.sh).
# Environment: DOCKYARD_DATA_DIR (logs), DOCKYARD_INCUS_POOL_GIB (pool size, default 40),
# DOCKYARD_SANDBOX_SUBNETS (the sessions' addresses, default 10.213.0.0/16), INCUS_DIR (another
# incusd than the machine's main one: a member of the test cluster, test/cluster/cluster-rig.sh).
# On a cluster the pool and the profile are the cluster's: made once, by the first machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

POOL=dockyard
PROFILE=dockyard-node
POOL_GIB="${DOCKYARD_INCUS_POOL_GIB:-40}"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mERREUR :\033[0m %s\n' "$*" >&2; exit 1; }

raw_lxc=""
# ioctl numbers (_IOW(0x94, nr, 4096-byte args)) refused to the node by seccomp, with EPERM.
BTRFS_IOC_SNAP_CREATE=1342215169     # 0x50009401
BTRFS_IOC_SUBVOL_CREATE=1342215182   # 0x5000940e
BTRFS_IOC_SNAP_CREATE_V2=1342215191  # 0x50009417
BTRFS_IOC_SUBVOL_CREATE_V2=1342215192 # 0x50009418
# cgroup v1 (or hybrid): /sys/fs/cgroup is a tmpfs of hierarchies, not a cgroup2 file system.
if [ "$(stat -fc %T /sys/fs/cgroup)" != cgroup2fs ]; then raw_lxc='lxc.mount.auto = cgroup:rw:force'; fi
# Written as `incus profile show` prints it, so that an unchanged profile is left alone.
# cluster.evacuate=stop: `incus cluster evacuate` stops a member's nodes where they are
# instead of moving them (a moved node would lose its processes and its session's routes);
# Dockyard then ends their sessions with a maintenance message (server/sessions/reaper.ts).
profile="$(cat <<PROFILE
config:
  cluster.evacuate: stop
  raw.lxc: ${raw_lxc:-'""'}
  security.guestapi: "false"
  security.idmap.isolated: "true"
  security.nesting: "true"
  security.privileged: "false"
  security.syscalls.deny: |
    ioctl errno 1 [1,$BTRFS_IOC_SUBVOL_CREATE,SCMP_CMP_EQ]
    ioctl errno 1 [1,$BTRFS_IOC_SUBVOL_CREATE_V2,SCMP_CMP_EQ]
    ioctl errno 1 [1,$BTRFS_IOC_SNAP_CREATE,SCMP_CMP_EQ]
    ioctl errno 1 [1,$BTRFS_IOC_SNAP_CREATE_V2,SCMP_CMP_EQ]
description: Dockyard lab node (unprivileged, its own uid range, Docker inside)
devices:
  root:
    path: /
    pool: $POOL
    type: disk
PROFILE
)"
# --check-profile: only says whether Incus's profile is what this machine needs (exit 0) or
# not (exit 1), changing nothing: cluster/add-member.sh asks it on a new member, since the
# profile is the cluster's and was written by the first machine.
if [ "${1:-}" = --check-profile ]; then
  if [ "$(incus profile show "$PROFILE" 2>/dev/null | sed '/^name:/,$d')" = "$profile" ]; then exit 0; else exit 1; fi
fi

# Starts incusd if it does not answer (shared with cluster/add-member.sh).
bash runtime/incus/start-incusd.sh

if ! incus storage show "$POOL" >/dev/null 2>&1; then
  say "Création du pool de stockage Incus « $POOL » (btrfs, $POOL_GIB Gio au plus)…"
  # </dev/null: the incus client reads a YAML config from a standard input that is not a
  # terminal, and waits for it forever when a caller's pipe stays open (a test's execFile).
  incus storage create "$POOL" btrfs size="${POOL_GIB}GiB" >/dev/null </dev/null
fi
bash runtime/incus/pool-quotas.sh "$POOL"

incus profile show "$PROFILE" >/dev/null 2>&1 || incus profile create "$PROFILE" >/dev/null </dev/null
if [ "$(incus profile show "$PROFILE" | sed '/^name:/,$d')" != "$profile" ]; then
  incus profile edit "$PROFILE" <<<"$profile"
fi

bash runtime/incus/host-firewall.sh
