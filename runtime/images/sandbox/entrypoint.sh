#!/bin/bash
# PID 2 of a lab node (tini is PID 1): prepares cgroups, starts the inner dockerd, then waits.
# Runs without --privileged (impossible on these hosts), see runtime/docker/dind-profile.ts.
set -uo pipefail

log() { echo "[dockyard-entry] $*" >&2; }

mount_cgroups() {
  if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
    # cgroup v2 (untested here): move ourselves into a child so the root can delegate controllers.
    mount -o remount,rw /sys/fs/cgroup 2>/dev/null || true
    mkdir -p /sys/fs/cgroup/init
    xargs -rn1 </sys/fs/cgroup/cgroup.procs >/sys/fs/cgroup/init/cgroup.procs 2>/dev/null || true
    sed -e 's/ / +/g' -e 's/^/+/' </sys/fs/cgroup/cgroup.controllers \
      >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
    return
  fi
  # cgroup v1: Docker gives us read-only hierarchies. With a private cgroup namespace, fresh
  # mounts show our own cgroup as the root, read-write, so the inner engine can nest under it.
  umount -R /sys/fs/cgroup 2>/dev/null || true
  mount -t tmpfs -o mode=755,nosuid,nodev,noexec cgroup /sys/fs/cgroup
  # /proc/self/cgroup lines are "id:controllers:path"; co-mounted controllers share a line.
  local id ctrls dir opts
  while IFS=: read -r id ctrls _; do
    if [ -z "$ctrls" ]; then
      mkdir -p /sys/fs/cgroup/unified
      mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 /sys/fs/cgroup/unified || true
      continue
    fi
    dir="${ctrls#name=}"
    opts="$ctrls"
    [ "${ctrls#name=}" != "$ctrls" ] && opts="none,$ctrls"
    mkdir -p "/sys/fs/cgroup/$dir"
    mount -t cgroup -o "nosuid,nodev,noexec,$opts" cgroup "/sys/fs/cgroup/$dir" \
      || log "impossible de monter le cgroup $ctrls"
    # "cpu,cpuacct" is also reachable as "cpu" and "cpuacct", like on a normal host.
    if [ "${ctrls#*,}" != "$ctrls" ] && [ "${ctrls#name=}" = "$ctrls" ]; then
      for c in ${ctrls//,/ }; do ln -sfn "$dir" "/sys/fs/cgroup/$c"; done
    fi
  done </proc/self/cgroup
}

choose_iptables() {
  # Debian defaults to iptables-nft; some kernels refuse nftables inside a container.
  if ! iptables -nL >/dev/null 2>&1; then
    log "iptables-nft indisponible, passage à iptables-legacy"
    update-alternatives --set iptables /usr/sbin/iptables-legacy >/dev/null
    update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy >/dev/null
  fi
}

mount_cgroups
choose_iptables
start-dockerd || log "le moteur Docker interne n'a pas démarré (voir /var/log/dockerd.log)"
# Stay alive even if the inner engine dies: the student's shell must not vanish.
exec sleep infinity
