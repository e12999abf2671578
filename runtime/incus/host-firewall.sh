#!/usr/bin/env bash
# host-firewall.sh — the rules that keep lab nodes apart, on every machine that runs them
# (run by setup-host.sh; idempotent: the table is replaced as a whole).
#
# A node's eth0 is an Incus "routed" NIC: its host side is an interface named dy… whose
# address is 169.254.0.1 (the node's gateway), and the host routes the node's own address
# to it. So every packet a node sends crosses this host's IP stack, and one static rule set
# (no rule per session, nothing to keep in sync between machines) decides:
# - a node sends only from its own address (reverse path check): it cannot pose as another;
# - node to node: only within one session, i.e. one /26 of the pool (both addresses in the
#   same /26: a lookup in a set of the pool's /26s);
# - node to host: replies to the host's own connections, and the registry mirror's port on
#   the gateway; anything else is refused at once (a reset), so lookups and connections to
#   the outside fail in milliseconds instead of hanging;
# - nothing is routed out of a node or into one from elsewhere (no internet, no LAN, no
#   other session), and no IPv6 at all.
# Docker's FORWARD policy (DROP) would drop what this table accepts: it marks that traffic,
# and one rule in DOCKER-USER lets marked packets through.
#
# With DOCKYARD_INTERNET=on (runtime/egress/egress-up.sh), nodes' pulls from the mirror's port
# are sent to the registry front (catalog first, then the Docker Hub cache), their HTTP port 80
# on the gateway to the front's side for other registries (a node's ghcr.io, quay.io… resolve
# to its gateway: node-egress.sh), and the egress proxy's port is open to them; these ports are
# closed to everyone else but the host itself.
#
# Environment: DOCKYARD_SANDBOX_SUBNETS (default 10.213.0.0/16), DOCKYARD_INTERNET (default off).
set -euo pipefail

POOL="${DOCKYARD_SANDBOX_SUBNETS:-10.213.0.0/16}"
# The read-only registry mirror (runtime/images/build-all.sh), as lab nodes pull from it
# (runtime/images/lab-node/start-dockerd.sh).
MIRROR_PORT=5001
MARK=0x444b

die() { printf '\033[1;31mERREUR :\033[0m %s\n' "$*" >&2; exit 1; }
source "$(dirname "${BASH_SOURCE[0]}")/../egress/egress-ports.sh"
internet_nat="" internet_input=""
case "${DOCKYARD_INTERNET:-off}" in
  off | '') ;;
  on)
    internet_nat="chain internet_nat {
    type nat hook prerouting priority dstnat; policy accept;
    iifname \"dy*\" ip daddr 169.254.0.1 tcp dport $MIRROR_PORT redirect to :$FRONT_PORT
    iifname \"dy*\" ip daddr 169.254.0.1 tcp dport 80 redirect to :$REGISTRIES_PORT
  }"
    internet_input="iifname \"dy*\" ip daddr 169.254.0.1 tcp dport { $FRONT_PORT, $REGISTRIES_PORT, $PROXY_PORT } accept
    iifname != \"dy*\" iifname != \"lo\" tcp dport { $FRONT_PORT, $REGISTRIES_PORT, $PROXY_PORT } drop" ;;
  *) die "DOCKYARD_INTERNET invalide : « $DOCKYARD_INTERNET » (attendu : on ou off)" ;;
esac
command -v nft >/dev/null || die "nft manque : apt-get install nftables"

# The pool's /26s, "a.b.c.d . a.b.c.d" each (a /16 gives 1024).
subnet_pairs() {
  local base bits
  IFS=/ read -r base bits <<<"$POOL"
  [[ "$base" =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)\.([0-9]+)$ && "$bits" -ge 8 && "$bits" -le 26 ]] \
    || die "DOCKYARD_SANDBOX_SUBNETS invalide : $POOL (attendu : a.b.c.d/n, n entre 8 et 26)"
  local start=$(( (BASH_REMATCH[1] << 24) | (BASH_REMATCH[2] << 16) | (BASH_REMATCH[3] << 8) | BASH_REMATCH[4] ))
  local size=$(( 1 << (32 - bits) ))
  start=$(( start - start % size ))
  local n ip sep=""
  for (( n = start; n < start + size; n += 64 )); do
    ip="$(( n >> 24 & 255 )).$(( n >> 16 & 255 )).$(( n >> 8 & 255 )).$(( n & 255 ))"
    printf '%s%s . %s' "$sep" "$ip" "$ip"
    sep=", "
  done
}

ruleset="$(cat <<NFT
table inet dockyard {
  set same_session {
    type ipv4_addr . ipv4_addr
    elements = { $(subnet_pairs) }
  }

  chain prerouting {
    type filter hook prerouting priority raw; policy accept;
    iifname "dy*" fib saddr . iif oif missing drop
  }

  chain input {
    type filter hook input priority filter - 10; policy accept;
    iifname "dy*" meta nfproto ipv6 drop
    iifname "dy*" ct state established,related accept
    iifname "dy*" ip daddr 169.254.0.1 tcp dport $MIRROR_PORT accept
    $internet_input
    iifname "dy*" meta l4proto tcp reject with tcp reset
    iifname "dy*" reject with icmpx port-unreachable
  }

  chain forward {
    type filter hook forward priority filter - 10; policy accept;
    iifname "dy*" meta nfproto ipv6 drop
    oifname "dy*" meta nfproto ipv6 drop
    iifname "dy*" oifname "dy*" ip saddr & 255.255.255.192 . ip daddr & 255.255.255.192 @same_session meta mark set $MARK accept
    iifname "dy*" meta l4proto tcp reject with tcp reset
    iifname "dy*" reject with icmpx host-unreachable
    oifname "dy*" drop
  }

  $internet_nat
}
NFT
)"

# Replace the table in one transaction (no moment without rules).
{ nft list table inet dockyard >/dev/null 2>&1 && echo "delete table inet dockyard"; echo "$ruleset"; } | nft -f -

if iptables -w -nL DOCKER-USER >/dev/null 2>&1; then
  iptables -w -C DOCKER-USER -m mark --mark "$MARK" -j ACCEPT 2>/dev/null \
    || iptables -w -I DOCKER-USER 1 -m mark --mark "$MARK" -j ACCEPT
fi

# Rules of earlier versions (per-session bridges), if this host still has them.
for family in iptables ip6tables; do
  for pair in INPUT:DOCKYARD-INPUT FORWARD:DOCKYARD-FORWARD; do
    hook="${pair%%:*}" chain="${pair#*:}"
    "$family" -w -D "$hook" -j "$chain" 2>/dev/null || true
    "$family" -w -F "$chain" 2>/dev/null || true
    "$family" -w -X "$chain" 2>/dev/null || true
  done
done
