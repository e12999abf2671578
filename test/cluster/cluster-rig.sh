#!/usr/bin/env bash
# cluster-rig.sh up|down|status — a real two-member Incus cluster on this one machine, for the
# tests (test/integration/cluster/incus-cluster.test.ts), apart from the machine's own Incus
# (/var/lib/incus and its socket, its instances, profiles and firewall are never touched).
#
#   up      makes it, or checks and repairs it (idempotent: a few seconds when it is up)
#   down    removes everything it made (instances, incusd processes, relays, namespaces,
#           links, loop files, directories), also after an `up` that failed half-way
#   status  says what runs; exit 0 when both members are online
#
# Two members, m1 and m2, each an incusd with its own INCUS_DIR (BASE/m1, BASE/m2) in a network
# namespace of its own (dkc-m1, dkc-m2) and a private mount namespace where /sys is mounted
# again (so that it shows the namespace's interfaces) with the host's /sys/fs/cgroup put back
# (the recipe of ../shared/DESIGN.md; plain `ip netns exec` loses the cgroups), and where
# /etc/subuid and /etc/subgid give it a uid range of its own (its nodes' isolated idmaps never
# overlap the main Incus's, nor the other member's).
#
#   host (tests)      veth-dkc-m1 10.240.1.1/30 ── uplink 10.240.1.2   [dkc-m1]  lan0 10.240.0.1/24 ─┐
#   mirror *:5001     veth-dkc-m2 10.240.1.5/30 ── uplink 10.240.1.6   [dkc-m2]  lan0 10.240.0.2/24 ─┘
#
# The members reach each other on their "LAN" (a veth pair between the two namespaces: the
# cluster addresses 10.240.0.1:8443 and 10.240.0.2:8443), and the host's read-only mirror on
# the host side of their uplink. Nothing crosses the host's own forwarding or firewall. Each
# member routes the sessions' pool to the other one (the worst case: a LAN that would carry
# node traffic between machines), so that only the host firewall keeps a node from reaching a
# node on the other member. The tests talk to m1's unix socket (BASE/m1/unix.socket): Incus
# forwards to m2 what concerns it.
#
# The cluster is formed by the operator's scripts, as on real machines: setup-host.sh on m1
# (pool, profile, firewall), enable-cluster.sh on m1, add-member.sh on m2 (join, firewall,
# mirror relay), each run inside its member's namespaces (nsenter) with INCUS_DIR set. m1 is
# the "first machine", but the mirror is the host's: m1 gets a relay to it too.
# The lab node's image comes from the main Incus (incus image export; same fingerprint).
#
# Environment: DOCKYARD_CLUSTER_RIG_DIR (default /var/lib/dockyard-test-cluster),
# DOCKYARD_CLUSTER_RIG_POOL_GIB (each member's btrfs loop file, sparse; default 6),
# DOCKYARD_CLUSTER_RIG_DEBUG=1 (incusd's debug messages in BASE/m1.log and m2.log).
set -euo pipefail
# Nothing here reads standard input, and incus commands wait on one that is a pipe left open
# (the tests start the rig with execFile): seen hanging in `incus storage create`.
exec </dev/null
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RIG="$ROOT/test/cluster/cluster-rig.sh"

BASE="${DOCKYARD_CLUSTER_RIG_DIR:-/var/lib/dockyard-test-cluster}"
POOL_GIB="${DOCKYARD_CLUSTER_RIG_POOL_GIB:-6}"
MEMBERS=(m1 m2)
IMAGE=dockyard/node:latest
SANDBOX_SUBNETS=10.213.0.0/16
declare -A LAN_IP=([m1]=10.240.0.1 [m2]=10.240.0.2)
declare -A HOST_IP=([m1]=10.240.1.1 [m2]=10.240.1.5)
declare -A UPLINK_IP=([m1]=10.240.1.2 [m2]=10.240.1.6)
declare -A OTHER=([m1]=m2 [m2]=m1)
# Host uids for each member's nodes: far from the main Incus's range (/etc/subuid, 1000000+).
declare -A UID_BASE=([m1]=2000000000 [m2]=2200000000)
UID_COUNT=100000000

say() { printf '\033[1;34m==>\033[0m [rig] %s\n' "$*" >&2; }
die() { printf '\033[1;31mERREUR :\033[0m [rig] %s\n' "$*" >&2; exit 1; }

ns_of() { printf 'dkc-%s' "$1"; }
veth_of() { printf 'veth-dkc-%s' "$1"; }
dir_of() { printf '%s/%s' "$BASE" "$1"; }
pid_of() { cat "$BASE/$1.pid" 2>/dev/null || true; }
# incus on a member, from the host (through its unix socket).
incus_on() { local m="$1"; shift; INCUS_DIR="$(dir_of "$m")" incus "$@"; }
answers() { [ -S "$(dir_of "$1")/unix.socket" ] && timeout 10 env INCUS_DIR="$(dir_of "$1")" incus info >/dev/null 2>&1; }
# The member's incusd, by its pid file, if it still is that incusd.
alive() {
  local pid; pid="$(pid_of "$1")"
  [ -n "$pid" ] && [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = /usr/libexec/incus/incusd ]
}
# A command inside a member's namespaces (those of its incusd), with the member's settings.
in_member() {
  local m="$1"; shift
  nsenter -t "$(pid_of "$m")" -n -m -- env INCUS_DIR="$(dir_of "$m")" DOCKYARD_RUN_DIR="$BASE/$m-run" \
    DOCKYARD_DATA_DIR="$BASE/$m-data" DOCKYARD_INCUS_POOL_GIB="$POOL_GIB" DOCKYARD_SANDBOX_SUBNETS="$SANDBOX_SUBNETS" "$@"
}

# --- up --------------------------------------------------------------------------------------

preflight() {
  [ "$(id -u)" -eq 0 ] || die "il faut être root (namespaces, incusd, nftables)."
  local cmd
  for cmd in incus ip nsenter unshare nft losetup mkfs.btrfs; do
    command -v "$cmd" >/dev/null || die "la commande $cmd manque (./dockyard start installe Incus, btrfs-progs et nftables)."
  done
  incus image info "$IMAGE" >/dev/null 2>&1 \
    || die "l'image $IMAGE manque dans l'Incus principal : lancez ./dockyard start (ou bash runtime/images/build-all.sh)."
}

ensure_network() {
  local m ns veth
  for m in "${MEMBERS[@]}"; do
    ns="$(ns_of "$m")" veth="$(veth_of "$m")"
    [ -e "/run/netns/$ns" ] || ip netns add "$ns"
    ip -n "$ns" link set lo up
    # Routed NICs need forwarding in the member's namespace (Incus checks it).
    ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1
    ip link show "$veth" >/dev/null 2>&1 || ip link add "$veth" type veth peer name uplink netns "$ns"
    ip addr replace "${HOST_IP[$m]}/30" dev "$veth"
    ip link set "$veth" up
    ip -n "$ns" addr replace "${UPLINK_IP[$m]}/30" dev uplink
    ip -n "$ns" link set uplink up
  done
  if ! ip -n "$(ns_of m1)" link show lan0 >/dev/null 2>&1; then
    ip link add lan0 netns "$(ns_of m1)" type veth peer name lan0 netns "$(ns_of m2)"
  fi
  for m in "${MEMBERS[@]}"; do
    ns="$(ns_of "$m")"
    ip -n "$ns" addr replace "${LAN_IP[$m]}/24" dev lan0
    ip -n "$ns" link set lan0 up
    ip -n "$ns" route replace "$SANDBOX_SUBNETS" via "${LAN_IP[${OTHER[$m]}]}"
  done
}

# Runs inside the namespaces made for a member (see start_member): remounts /sys, puts the
# host's cgroups back, gives the member its uid range, and becomes its incusd.
member_incusd() {
  local m="$1" dir old
  dir="$(dir_of "$m")"
  old="$BASE/$m-sys"
  mkdir -p "$old"
  mount --move /sys "$old"
  mount -t sysfs sysfs /sys
  mount --move "$old/fs/cgroup" /sys/fs/cgroup
  umount -l "$old"
  mount --bind "$BASE/$m.subid" /etc/subuid
  mount --bind "$BASE/$m.subid" /etc/subgid
  export INCUS_DIR="$dir"
  exec /usr/libexec/incus/incusd --group incus-admin ${DOCKYARD_CLUSTER_RIG_DEBUG:+--debug}
}

start_member() {
  local m="$1" dir
  dir="$(dir_of "$m")"
  if alive "$m"; then return; fi
  mkdir -p -m 0711 "$BASE" "$dir"
  chmod 0711 "$BASE" "$dir"
  printf 'root:%s:%s\n' "${UID_BASE[$m]}" "$UID_COUNT" >"$BASE/$m.subid"
  getent group incus-admin >/dev/null || groupadd --system incus-admin
  say "Démarrage de l'incusd de $m (INCUS_DIR=$dir, réseau $(ns_of "$m"))…"
  # Not a process group leader (no job control here): setsid, nohup, nsenter, unshare and bash
  # all exec, so $! ends up being incusd itself.
  setsid nohup nsenter --net="/run/netns/$(ns_of "$m")" -- unshare --mount --propagation private -- \
    bash "$RIG" _incusd "$m" >>"$BASE/$m.log" 2>&1 </dev/null &
  echo "$!" >"$BASE/$m.pid"
}

wait_member() {
  local m="$1"
  for _ in $(seq 1 120); do answers "$m" && return; kill -0 "$(pid_of "$m")" 2>/dev/null || break; sleep 0.5; done
  tail -n 20 "$BASE/$m.log" >&2 || true
  die "l'incusd de $m ne répond pas (journal : $BASE/$m.log)."
}

# The main Incus's lab node image, on m1 (the cluster copies it to m2 when a node needs it).
ensure_image() {
  local want have file
  want="$(incus image info "$IMAGE" | sed -n 's/^Fingerprint: //p')"
  have="$(incus_on m1 image info "$IMAGE" 2>/dev/null | sed -n 's/^Fingerprint: //p' || true)"
  [ "$want" != "$have" ] || return 0
  say "Copie de l'image $IMAGE de l'Incus principal vers le cluster de test…"
  rm -rf "$BASE/image" && mkdir -p "$BASE/image"
  incus image export "$IMAGE" "$BASE/image/node" >/dev/null
  file="$(ls "$BASE"/image/node*)"
  incus_on m1 image alias delete "$IMAGE" >/dev/null 2>&1 || true
  [ -z "$have" ] || incus_on m1 image delete "$have" >/dev/null 2>&1 || true
  incus_on m1 image import "$file" --alias "$IMAGE" >/dev/null
  rm -rf "$BASE/image"
}

online_members() { incus_on m1 cluster list -f csv -c n,s 2>/dev/null | awk -F, '$2 == "ONLINE" { print $1 }' | sort | paste -sd ' ' -; }

up() {
  local began=$SECONDS token m
  preflight
  ensure_network
  # Both at once: after a restart of the machine, each member waits for the other (quorum).
  for m in "${MEMBERS[@]}"; do start_member "$m"; done
  for m in "${MEMBERS[@]}"; do wait_member "$m"; done

  # m1: the "first machine" — pool, profile and firewall (setup-host.sh), the image, a relay to
  # the host's mirror, then clustering and a token for m2 (enable-cluster.sh).
  in_member m1 bash "$ROOT/runtime/incus/setup-host.sh"
  ensure_image
  in_member m1 bash "$ROOT/runtime/incus/cluster/mirror-forwarder.sh" "${HOST_IP[m1]}:5001"
  token="$(in_member m1 bash "$ROOT/runtime/incus/cluster/enable-cluster.sh" m2 "${LAN_IP[m1]}:8443" m1)"
  # m2: joins (or, already a member, only checks its firewall and relay): add-member.sh.
  in_member m2 env DOCKYARD_MIRROR_UPSTREAM="${HOST_IP[m2]}:5001" \
    bash "$ROOT/runtime/incus/cluster/add-member.sh" "${token:--}" "${LAN_IP[m2]}:8443"

  for _ in $(seq 1 60); do [ "$(online_members)" = "m1 m2" ] && break; sleep 0.5; done
  [ "$(online_members)" = "m1 m2" ] || die "le cluster n'a pas ses deux membres en ligne : $(online_members)"
  say "Cluster de test prêt (m1, m2) en $((SECONDS - began)) s ; socket : $(dir_of m1)/unix.socket"
}

# --- down ------------------------------------------------------------------------------------

# Kills processes by pid, and what they started (children first).
kill_tree() {
  local pid child
  for pid in "$@"; do
    for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do kill_tree "$child"; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}

# The processes of the member's instances, found by their cgroups (lxc.payload.NAME), and the
# cgroups themselves: what a killed incusd leaves behind.
kill_instances_left() {
  local m="$1" name hierarchy
  [ -d "$(dir_of "$m")/containers" ] || return 0
  for name in $(ls "$(dir_of "$m")/containers"); do
    for hierarchy in /sys/fs/cgroup/pids /sys/fs/cgroup; do
      [ -f "$hierarchy/lxc.payload.$name/cgroup.procs" ] || continue
      kill_tree $(cat "$hierarchy/lxc.payload.$name/cgroup.procs" 2>/dev/null) 2>/dev/null || true
    done
    sleep 0.2
    find /sys/fs/cgroup -depth -type d \( -path "*/lxc.payload.$name*" -o -path "*/lxc.monitor.$name*" \) \
      -exec rmdir {} \; 2>/dev/null || true
  done
}

down() {
  [ "$(id -u)" -eq 0 ] || die "il faut être root."
  local m ns pid name
  # Instances first, while Incus still answers: it stops them and releases their disks.
  if answers m1 || answers m2; then
    for m in m1 m2; do answers "$m" && break; done
    for name in $(incus_on "$m" list -f csv -c n 2>/dev/null); do
      say "Suppression de l'instance $name…"
      timeout 60 env INCUS_DIR="$(dir_of "$m")" incus delete --force "$name" >/dev/null 2>&1 || true
    done
  fi
  for m in "${MEMBERS[@]}"; do
    ns="$(ns_of "$m")"
    DOCKYARD_RUN_DIR="$BASE/$m-run" bash "$ROOT/runtime/incus/cluster/mirror-forwarder.sh" --stop
    if alive "$m"; then
      pid="$(pid_of "$m")"
      say "Arrêt de l'incusd de $m (pid $pid)…"
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill_tree "$pid"
    fi
    kill_instances_left "$m"
    # Whatever else still lives in the member's network namespace (all of it started here).
    if [ -e "/run/netns/$ns" ]; then
      for pid in $(ip netns pids "$ns" 2>/dev/null); do kill_tree "$pid"; done
      ip netns del "$ns" 2>/dev/null || true
    fi
    ip link del "$(veth_of "$m")" 2>/dev/null || true
  done
  # The pools' loop devices go with the last process of their mount namespace.
  local loops=""
  for _ in $(seq 1 50); do
    loops="$(losetup -n -O NAME -j "$(dir_of m1)/disks/dockyard.img" 2>/dev/null; losetup -n -O NAME -j "$(dir_of m2)/disks/dockyard.img" 2>/dev/null)"
    [ -n "$loops" ] || break
    sleep 0.2
  done
  for name in $loops; do losetup -d "$name" 2>/dev/null || true; done
  if grep -q " $BASE" /proc/self/mountinfo; then
    die "des montages restent sous $BASE ($(grep " $BASE" /proc/self/mountinfo | awk '{print $5}' | paste -sd ' ' -)) : rien n'est effacé."
  fi
  rm -rf "$BASE"
  say "Cluster de test supprimé."
}

# --- status ----------------------------------------------------------------------------------

status() {
  local m ok=0 ns
  for m in "${MEMBERS[@]}"; do
    ns="$(ns_of "$m")"
    printf '%s : réseau %s, incusd %s, pare-feu %s, ' "$m" \
      "$([ -e "/run/netns/$ns" ] && echo présent || echo absent)" \
      "$(alive "$m" && echo "pid $(pid_of "$m")" || echo arrêté)" \
      "$([ -e "/run/netns/$ns" ] && ip netns exec "$ns" nft list table inet dockyard >/dev/null 2>&1 && echo posé || echo absent)"
    DOCKYARD_RUN_DIR="$BASE/$m-run" bash "$ROOT/runtime/incus/cluster/mirror-forwarder.sh" --status || true
  done
  if answers m1; then
    incus_on m1 cluster list -f table -c n,u,s 2>/dev/null || true
    incus_on m1 list -f table -c n,s,L 2>/dev/null || true
  fi
  [ "$(online_members 2>/dev/null || true)" = "m1 m2" ] || ok=1
  return "$ok"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  _incusd) member_incusd "$2" ;;
  *) die "usage : cluster-rig.sh up|down|status" ;;
esac
