#!/usr/bin/env bash
# enable-cluster.sh — on the first runtime machine (the one running Dockyard, its registry and
# its read-only mirror, prepared by ./dockyard start): makes its Incus the first member of a
# cluster, then prints a join token for a new machine.
#   bash runtime/incus/cluster/enable-cluster.sh <new member's name> [this machine's address[:8443]] [this machine's member name]
# Then, on the new machine: bash runtime/incus/cluster/add-member.sh <token>.
#
# Idempotent: a machine already in a cluster keeps it (its address and name are left as they
# are); a token still pending for that name is printed again; a name already a member gets
# no token (said on standard error, exit 0). Only the token goes to standard output.
# Defaults: the address is this machine's on its default route, port 8443; the member name is
# the short host name. The Dockyard server keeps talking to this machine's unix socket: Incus
# forwards to other members what concerns them.
# Environment: INCUS_DIR (another incusd than the main one: test/cluster/cluster-rig.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

POOL=dockyard
PROFILE=dockyard-node
NAME_RE='^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31mERREUR :\033[0m %s\n' "$*" >&2; exit 1; }

new_member="${1:-}"
address="${2:-}"
name="${3:-$(hostname -s | tr 'A-Z_' 'a-z-')}"

[ -n "$new_member" ] || die "usage : enable-cluster.sh <nom du nouveau membre> [adresse de cette machine[:8443]] [nom de cette machine dans le cluster]"
[[ "$new_member" =~ $NAME_RE ]] || die "nom de membre invalide « $new_member » : lettres minuscules, chiffres et tirets."
[[ "$name" =~ $NAME_RE ]] || die "nom de cette machine invalide « $name » : donnez-en un (3e argument), en minuscules, chiffres et tirets."
[ "$new_member" != "$name" ] || die "le nouveau membre ne peut pas porter le nom de cette machine (« $name »)."
command -v incus >/dev/null || die "Incus manque : lancez d'abord ./dockyard start sur cette machine."
incus info >/dev/null 2>&1 || die "Incus ne répond pas : lancez d'abord ./dockyard start sur cette machine (ou bash runtime/incus/setup-host.sh)."
incus storage show "$POOL" >/dev/null 2>&1 && incus profile show "$PROFILE" >/dev/null 2>&1 \
  || die "le pool « $POOL » ou le profil « $PROFILE » manque : lancez d'abord ./dockyard start (ou bash runtime/incus/setup-host.sh) sur cette machine."

clustered() { incus query /1.0 2>/dev/null | grep -q '"server_clustered": true'; }

if clustered; then
  say "Incus est déjà en cluster ($(incus cluster list -f csv -c n | paste -sd ' ' -)) : rien à changer ici."
else
  if [ -z "$address" ]; then
    address="$(ip -4 route get 1.1.1.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p')"
    [ -n "$address" ] || die "impossible de deviner l'adresse de cette machine : donnez-la (2e argument), celle que les autres machines joignent."
  fi
  [[ "$address" == *:* ]] || address="$address:8443"
  current="$(incus config get core.https_address)"
  if [ "$current" != "$address" ]; then
    say "Incus écoute sur $address (core.https_address ; ouvrez 8443/tcp aux autres machines du cluster)…"
    incus config set core.https_address "$address" \
      || die "Incus refuse l'adresse $address (est-elle bien une adresse de cette machine ?)."
  fi
  say "Passage d'Incus en cluster : cette machine en est le premier membre, « $name »…"
  incus cluster enable "$name" >/dev/null || die "« incus cluster enable $name » a échoué (voir le message ci-dessus)."
fi

if incus cluster list -f csv -c n | grep -qxF "$new_member"; then
  say "« $new_member » est déjà membre du cluster : pas de jeton."
  exit 0
fi
token="$(incus cluster list-tokens -f csv -c n,t | awk -F, -v n="$new_member" '$1 == n { print $2; exit }')"
if [ -n "$token" ]; then
  say "Un jeton attend déjà « $new_member » : le voici de nouveau."
else
  token="$(incus cluster add "$new_member" --quiet)" || die "impossible de créer un jeton pour « $new_member » (voir le message ci-dessus)."
fi
say "Sur la nouvelle machine, en root, depuis une copie de Dockyard :"
say "  bash runtime/incus/cluster/add-member.sh $token"
printf '%s\n' "$token"
