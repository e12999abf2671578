#!/usr/bin/env bash
# add-member.sh — run on a new runtime machine, as root, from a copy of Dockyard, to add it to
# the Incus cluster that runs the lab nodes:
#   bash runtime/incus/cluster/add-member.sh <join token> [this machine's address[:8443]] [mirror host:port]
# The token comes from enable-cluster.sh on the first machine. What it does, each step skipped
# when already done (run it again to repair a member: the token is then not needed, give « - »):
#  1. installs what is missing: incus (Debian 12: from bookworm-backports, the source is added),
#     btrfs-progs, nftables, socat — as ./dockyard does;
#  2. starts incusd if it does not answer (runtime/incus/start-incusd.sh);
#  3. joins the cluster with the token (`incus admin init --preseed`), creating this member's
#     part of the btrfs pool `dockyard` (a loop file of DOCKYARD_INCUS_POOL_GIB, default 40);
#     the nodes' profile and image are the cluster's: nothing to make here;
#  4. installs the host firewall that keeps nodes apart (runtime/incus/host-firewall.sh; same
#     DOCKYARD_SANDBOX_SUBNETS as the first machine);
#  5. relays this machine's port 5001, where its nodes pull images (their gateway
#     169.254.0.1), to the first machine's read-only mirror (mirror-forwarder.sh).
# Between machines: 8443/tcp (Incus, both ways) and 5001/tcp (this machine to the mirror).
# Mirror: the third argument, or DOCKYARD_MIRROR_UPSTREAM, or the first address in the token
# (with port 5001), or the one a previous run used.
# Environment: DOCKYARD_INCUS_POOL_GIB, DOCKYARD_SANDBOX_SUBNETS, DOCKYARD_MIRROR_UPSTREAM,
# DOCKYARD_RUN_DIR (the relay's pid file and log), DOCKYARD_DEBIAN_MIRROR, INCUS_DIR.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

POOL=dockyard
PROFILE=dockyard-node
POOL_GIB="${DOCKYARD_INCUS_POOL_GIB:-40}"
MIRROR_PORT=5001
RUN_DIR="${DOCKYARD_RUN_DIR:-/run/dockyard}"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31mERREUR :\033[0m %s\n' "$*" >&2; exit 1; }

token="${1:-}"
address="${2:-}"
upstream="${3:-${DOCKYARD_MIRROR_UPSTREAM:-}}"
[ -n "$token" ] || die "usage : add-member.sh <jeton> [adresse de cette machine[:8443]] [miroir hôte:port]
Le jeton s'obtient sur la première machine : bash runtime/incus/cluster/enable-cluster.sh <nom de cette machine>"
[ "$(id -u)" -eq 0 ] || die "relancez en root (sudo bash runtime/incus/cluster/add-member.sh …) : il faut installer des paquets, démarrer Incus et poser un pare-feu."
[[ "$POOL_GIB" =~ ^[1-9][0-9]*$ ]] || die "DOCKYARD_INCUS_POOL_GIB invalide : $POOL_GIB (un nombre de Gio)"

# --- 1. Packages (as ./dockyard's ensure_incus) ------------------------------------------

apt_ensure() {
  local missing=() pkg
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return
  command -v apt-get >/dev/null || die "Il manque ${missing[*]} et ce système n'a pas apt-get (Debian ou Ubuntu attendu). Installez l'équivalent de : ${missing[*]}"
  say "Installation des paquets Debian : ${missing[*]}…"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q ${APT_TARGET:+-t "$APT_TARGET"} "${missing[@]}" >/dev/null \
    || die "l'installation de ${missing[*]} a échoué (voir apt-get ci-dessus)."
}
codename="$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")"
if ! command -v incus >/dev/null; then
  # Debian 12 has Incus in bookworm-backports only; newer Debian and Ubuntu 24.04 in their own suites.
  if [ "$codename" = bookworm ] && ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    say "Ajout de la source Debian bookworm-backports (pour Incus)…"
    printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "${DOCKYARD_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >/etc/apt/sources.list.d/dockyard-backports.sources
  fi
  if [ "$codename" = bookworm ]; then APT_TARGET=bookworm-backports apt_ensure incus; else apt_ensure incus; fi
fi
apt_ensure btrfs-progs nftables socat iproute2

# --- 2. incusd ------------------------------------------------------------------------------

bash runtime/incus/start-incusd.sh

# --- 3. Join --------------------------------------------------------------------------------

clustered() { incus query /1.0 2>/dev/null | grep -q '"server_clustered": true'; }
# A field of the token (base64 of a flat JSON object: server_name, fingerprint, addresses…).
token_json=""
if [ "$token" != - ]; then
  token_json="$(base64 -d <<<"$token" 2>/dev/null | tr -d '\n' || true)"
  [[ "$token_json" == *'"server_name"'* && "$token_json" == *'"addresses"'* ]] \
    || die "jeton illisible : copiez-le en entier, tel que enable-cluster.sh l'a affiché."
fi
token_name() { sed -n 's/.*"server_name":"\([^"]*\)".*/\1/p' <<<"$token_json"; }
token_addresses() { sed -n 's/.*"addresses":\[\([^]]*\)\].*/\1/p' <<<"$token_json" | tr -d '"' | tr ',' '\n'; }

if clustered; then
  say "Cette machine est déjà membre du cluster ($(incus cluster list -f csv -c n | paste -sd ' ' -)) : pas de nouvelle jonction."
else
  [ "$token" != - ] || die "cette machine n'est pas encore dans le cluster : il faut un jeton (enable-cluster.sh sur la première machine)."
  name="$(token_name)"
  mapfile -t cluster_addresses < <(token_addresses)
  [ -n "$name" ] && [ "${#cluster_addresses[@]}" -gt 0 ] || die "jeton incomplet (nom ou adresses manquants) : demandez-en un autre."
  [ -z "$(incus list -f csv -c n)" ] || die "l'Incus de cette machine a déjà des instances : un membre qui rejoint un cluster doit être vide (incus list)."
  [ -z "$(incus storage list -f csv -c n)" ] || die "l'Incus de cette machine a déjà un pool de stockage ($(incus storage list -f csv -c n | paste -sd ' ' -)) : le cluster crée le sien en rejoignant. Supprimez-le (incus storage delete …) puis relancez."
  first="${cluster_addresses[0]}"
  reached=""
  for a in "${cluster_addresses[@]}"; do
    if timeout 5 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "${a%:*}" "${a##*:}" 2>/dev/null; then reached="$a"; break; fi
  done
  [ -n "$reached" ] || die "aucun membre du cluster ne répond (${cluster_addresses[*]}) : ouvrez 8443/tcp entre les machines, dans les deux sens."
  if [ -z "$address" ]; then
    address="$(ip -4 route get "${reached%:*}" 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p')"
    [ -n "$address" ] || die "impossible de deviner l'adresse de cette machine : donnez-la (2e argument)."
  fi
  [[ "$address" == *:* ]] || address="$address:8443"
  say "Jonction au cluster en tant que « $name » ($address ; cluster joint par $reached ; pool « $POOL » de $POOL_GIB Gio)…"
  preseed="$(cat <<YAML
cluster:
  enabled: true
  server_name: $name
  server_address: $address
  cluster_token: $token
  member_config:
  - entity: storage-pool
    name: $POOL
    key: source
    value: ""
  - entity: storage-pool
    name: $POOL
    key: size
    value: ${POOL_GIB}GiB
YAML
)"
  incus admin init --preseed <<<"$preseed" \
    || die "la jonction au cluster a échoué (voir le message d'Incus ci-dessus). Un jeton ne sert qu'une fois et expire : redemandez-en un avec enable-cluster.sh $name."
  clustered || die "Incus ne se dit pas en cluster après la jonction : voir son journal."
  [ -n "$upstream" ] || upstream="${first%:*}:$MIRROR_PORT"
fi

incus storage show "$POOL" >/dev/null 2>&1 || die "le pool « $POOL » manque dans le cluster : lancez ./dockyard start sur la première machine."
incus profile show "$PROFILE" >/dev/null 2>&1 || die "le profil « $PROFILE » manque dans le cluster : lancez ./dockyard start sur la première machine."
# This member's part of the pool: its disk quotas counted (pool-quotas.sh says why).
bash runtime/incus/pool-quotas.sh "$POOL"
# The profile is the cluster's, written for the first machine's cgroups (v1 needs raw.lxc).
bash runtime/incus/setup-host.sh --check-profile \
  || say "Attention : le profil « $PROFILE » a été écrit pour une machine dont les cgroups diffèrent de ceux-ci (v1/v2) : les moteurs Docker des nœuds peuvent ne pas démarrer ici. Donnez aux machines du cluster le même système."

# --- 4. Host firewall -----------------------------------------------------------------------

bash runtime/incus/host-firewall.sh

# --- 5. The mirror, relayed -----------------------------------------------------------------

[ -n "$upstream" ] || upstream="$(cat "$RUN_DIR/mirror-forwarder.upstream" 2>/dev/null || true)"
[ -n "$upstream" ] || die "adresse du miroir inconnue : donnez-la (3e argument, ou DOCKYARD_MIRROR_UPSTREAM=hôte:5001 de la première machine)."
[[ "$upstream" == *:* ]] || upstream="$upstream:$MIRROR_PORT"
DOCKYARD_RUN_DIR="$RUN_DIR" bash runtime/incus/cluster/mirror-forwarder.sh "$upstream"

say "Membre prêt. Le cluster :"
incus cluster list >&2
