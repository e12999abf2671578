#!/usr/bin/env bash
# pool-quotas.sh <pool> — keeps the btrfs quota groups of this machine's part of the
# nodes' pool counting (run by setup-host.sh and cluster/add-member.sh; idempotent).
# Why: a node's disk quota is a btrfs quota group. Once btrfs marks the quota groups
# inconsistent, it counts nothing more, and no node's disk quota holds (seen here: nodes wrote
# past their 1 GiB). Kernels since 6.9 do so when they delete a subvolume whose tree is deeper
# than `drop_subtree_threshold` (3 by default), and it was seen again here with the threshold
# at its deepest, after test runs, without a single operation found that does it alone.
# So: full accounting on every delete (8), a rescan when the flag is set, and a watcher
# (`--watch`, started here once per pool) that checks the flag every 2 s for as long as the
# pool is mounted, each rescan written on a line of its own in logs/pool-quotas.log.
# Environment: INCUS_DIR (default /var/lib/incus), DOCKYARD_DATA_DIR (logs, default data/).
set -euo pipefail
pool_dir="${INCUS_DIR:-/var/lib/incus}/storage-pools/${1:?usage: pool-quotas.sh <pool>}"
uuid="$(btrfs filesystem show "$pool_dir" 2>/dev/null | sed -n 's/.*uuid: //p' | head -n 1)"
qgroups="/sys/fs/btrfs/$uuid/qgroups"
# A pool Incus has just made has no quota groups yet (Incus turns them on with the first
# node's quota): turn them on now, or this machine would go without a watcher (seen on a
# fresh machine: the first disk quota test then found them inconsistent, unwatched).
if [ -n "$uuid" ] && [ ! -d "$qgroups" ]; then btrfs quota enable "$pool_dir" >/dev/null 2>&1 || true; fi
if [ -z "$uuid" ] || [ ! -d "$qgroups" ]; then
  echo "pool-quotas : pas de groupes de quota btrfs sous $pool_dir (pool non monté ?) ; quotas des nœuds non vérifiés" >&2
  exit 0
fi
[ ! -w "$qgroups/drop_subtree_threshold" ] || echo 8 >"$qgroups/drop_subtree_threshold"

rescan_if_inconsistent() {
  [ "$(cat "$qgroups/inconsistent" 2>/dev/null || echo 0)" = 1 ] || return 0
  echo "$(date -Is) pool-quotas : quotas btrfs de $pool_dir incohérents, recomptage (btrfs quota rescan)"
  btrfs quota rescan -w "$pool_dir" >/dev/null 2>&1 || echo "$(date -Is) pool-quotas : le recomptage a échoué"
}

if [ "${2:-}" = --watch ]; then
  while [ -d "$qgroups" ]; do
    rescan_if_inconsistent
    sleep 2
  done
  exit 0
fi
rescan_if_inconsistent
# One watcher per pool, in its own session: it outlives this script (the pool's dir names it).
if ! pgrep -f "pool-quotas.sh $1 --watch $pool_dir" >/dev/null; then
  logs="${DOCKYARD_DATA_DIR:-data}/logs"
  mkdir -p "$logs"
  setsid nohup bash "${BASH_SOURCE[0]}" "$1" --watch "$pool_dir" >>"$logs/pool-quotas.log" 2>&1 </dev/null &
fi
