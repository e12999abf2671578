# Sourced by jail/entrypoint.sh and node/init.sh: mounts this cgroup namespace's cgroup v1
# hierarchies under "$1" (normally …/sys/fs/cgroup), read-write, like on a normal host.
# With a private cgroup namespace the root of each mount is our own cgroup, never the host's.
mount_cgroups() {
  local root="$1" id ctrls dir opts lines
  mount -t tmpfs -o mode=755,nosuid,nodev,noexec cgroup "$root"
  # Read the whole file first: moving processes between cgroups rewrites it.
  lines="$(cat /proc/self/cgroup)"
  # Lines are "id:controllers:path"; co-mounted controllers share a line.
  while IFS=: read -r id ctrls _; do
    if [ -z "$ctrls" ]; then
      mkdir -p "$root/unified"
      mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 "$root/unified" || true
      continue
    fi
    dir="${ctrls#name=}"
    opts="$ctrls"
    [ "${ctrls#name=}" != "$ctrls" ] && opts="none,$ctrls"
    mkdir -p "$root/$dir"
    mount -t cgroup -o "nosuid,nodev,noexec,$opts" cgroup "$root/$dir" \
      || echo "impossible de monter le cgroup $ctrls" >&2
    # "cpu,cpuacct" is also reachable as "cpu" and "cpuacct".
    if [ "${ctrls#*,}" != "$ctrls" ] && [ "${ctrls#name=}" = "$ctrls" ]; then
      for c in ${ctrls//,/ }; do ln -sfn "$dir" "$root/$c"; done
    fi
  done <<<"$lines"
}
