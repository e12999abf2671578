#!/usr/bin/env bash
# pool-quotas.sh — keeps the btrfs quota groups of this machine's part of the nodes' pool
# trustworthy (run by setup-host.sh and cluster/add-member.sh; idempotent).
# Why: a node's disk quota is a btrfs quota group. Kernels since 6.9 skip the accounting when
# they delete a subvolume whose tree is deeper than `drop_subtree_threshold` (3 by default: a
# node that held many files) and mark the quota groups inconsistent; from then on no node's
# usage is counted, and no node's disk quota holds (seen here: a node wrote past its 1 GiB).
# Full accounting on every delete (8, the deepest tree), and a rescan when already inconsistent.
# Environment: INCUS_DIR (default /var/lib/incus), the pool's name as first argument.
set -euo pipefail
pool_dir="${INCUS_DIR:-/var/lib/incus}/storage-pools/${1:?usage: pool-quotas.sh <pool>}"
uuid="$(btrfs filesystem show "$pool_dir" 2>/dev/null | sed -n 's/.*uuid: //p' | head -n 1)"
qgroups="/sys/fs/btrfs/$uuid/qgroups"
if [ -z "$uuid" ] || [ ! -d "$qgroups" ]; then
  echo "pool-quotas : pas de groupes de quota btrfs sous $pool_dir (pool non monté ?) ; quotas des nœuds non vérifiés" >&2
  exit 0
fi
[ ! -w "$qgroups/drop_subtree_threshold" ] || echo 8 >"$qgroups/drop_subtree_threshold"
if [ "$(cat "$qgroups/inconsistent" 2>/dev/null || echo 0)" = 1 ]; then
  printf '\033[1;34m==>\033[0m %s\n' "Recomptage des quotas disque des nœuds (btrfs quota rescan)…"
  btrfs quota rescan -w "$pool_dir" >/dev/null
fi
