#!/bin/bash
# The jail: PID 2 of a sandbox container (tini is PID 1). This is trusted code running as the
# host's root with the jail's capabilities (runtime/docker/sandbox-profile.ts). It starts the
# node in new user, mount, PID, network, UTS, IPC and cgroup namespaces, where the student's
# root is uid 100000 on the host and holds privileges over the node's namespaces only.
# It never executes a file from /sandbox (the node's files, which the student can change)
# with the jail's privileges.
set -euo pipefail
source /usr/local/lib/dockyard/cgroups.sh
source /usr/local/lib/dockyard/network.sh

NODE_UID=100000          # host uid of the node's root (must match the Dockerfile's --chown)
NODE_IDS=65536           # uids 0..65535 inside map to 100000..165535 outside
STATE=/run/dockyard      # node.pid and ready, read by dockyard-enter

log() { echo "[dockyard-jail] $*" >&2; }

# The node's engine makes cgroups for its containers: give it one child cgroup per hierarchy,
# owned by its root. Our own cgroup (with Docker's limits) stays the host root's.
delegate_cgroups() {
  umount -R /sys/fs/cgroup 2>/dev/null || true
  mount_cgroups /sys/fs/cgroup
  local dir
  for dir in /sys/fs/cgroup/*/; do
    [ -L "${dir%/}" ] && continue
    mkdir -p "$dir/node"
    # A new cpuset cgroup has no CPUs nor memory nodes until told.
    if [ -e "$dir/cpuset.cpus" ]; then
      cat "$dir/cpuset.cpus" >"$dir/node/cpuset.cpus"
      cat "$dir/cpuset.mems" >"$dir/node/cpuset.mems"
    fi
    chown -R "$NODE_UID:$NODE_UID" "$dir/node"
    echo $$ >"$dir/node/cgroup.procs"
  done
}

child_of() {
  local parent="$1"
  for _ in $(seq 1 500); do
    # The file holds "pid " with no newline.
    child="$(cat "/proc/$parent/task/$parent/children" 2>/dev/null)"
    [ -n "${child%% *}" ] && { echo "${child%% *}"; return; }
    sleep 0.01
  done
  return 1
}

delegate_cgroups
# Docker gives a container a read-only /sys, and a user namespace can never mount a sysfs
# more writable than the one it sees: the node's --privileged containers need a writable
# one. The node's root still cannot write what belongs to the host's root.
mount -o remount,rw /sys
# The node's disk (runtime/docker/node-disk.ts) takes all it writes, within its size.
mountpoint -q /node-disk || log "pas de disque propre au nœud : ses écritures iront sur le disque de l'hôte"
mkdir -p /node-disk
chown "$NODE_UID:$NODE_UID" /node-disk
mkdir -p "$STATE"
rm -f "$STATE"/*

# unshare forks the node's PID 1, which waits until its uids are mapped, becomes the node's
# root, then runs the node's init (from then on, with the node's privileges only).
unshare --user --mount --pid --net --uts --ipc --cgroup --fork --kill-child --keep-caps -- \
  /bin/bash -c "while [ ! -e $STATE/mapped ]; do sleep 0.01; done
    exec setpriv --reuid 0 --regid 0 --clear-groups /sandbox/usr/local/sbin/dockyard-node-init" &
unshare_pid=$!
node_pid="$(child_of "$unshare_pid")" || { log "le nœud n'a pas démarré"; exit 1; }
printf '0 %d %d\n' "$NODE_UID" "$NODE_IDS" >"/proc/$unshare_pid/uid_map"
printf '0 %d %d\n' "$NODE_UID" "$NODE_IDS" >"/proc/$unshare_pid/gid_map"
bridge_to_node "$node_pid"
echo "$node_pid" >"$STATE/node.pid"
touch "$STATE/mapped"
# The container lives as long as the node's PID 1.
wait "$unshare_pid"
