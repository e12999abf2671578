#!/usr/bin/env bash
# egress-up.sh — the lab nodes' way out, when the operator allows it (DOCKYARD_INTERNET=on);
# run by ./dockyard after the images are built. Idempotent: a container is replaced only when
# its image or settings changed. With the setting off (the default) it removes what an
# earlier run started, and otherwise does nothing.
#
# On, three containers on the host's network (the host firewall, host-firewall.sh, sends the
# nodes' registry port to the front and opens the proxy's port to them):
# - dockyard-registry-cache: a pull-through cache of Docker Hub (distribution's proxy mode),
#   on 127.0.0.1:5003, with its own volume dockyard-registry-cache;
# - dockyard-registry-cache-<name>: the same for each other registry the operator names
#   (ghcr.io, quay.io…), on 127.0.0.1:5010 and up, each with its volume;
# - dockyard-registry-front: nginx on port 5002, where nodes' pulls of dockyard-registry:5001
#   land: the catalog's mirror first, then the cache (so the catalog keeps priority); and on
#   port 5004, where nodes' pulls from the other registries land (by name, to their cache);
# - dockyard-egress: squid on port 3128, HTTP and HTTPS to allowlisted host names only,
#   one log line per request in $DOCKYARD_DATA_DIR/logs/egress/access.log (egress-log.sh).
#
# Environment: DOCKYARD_INTERNET (off|on), DOCKYARD_SANDBOX_SUBNETS, DOCKYARD_REGISTRY_UPSTREAM
# (default https://registry-1.docker.io), DOCKYARD_EGRESS_ALLOW (host names; default
# allow-default.txt; "+a,b" adds to it), DOCKYARD_EGRESS_HOSTS ("name=address,…": names the
# proxy resolves itself), DOCKYARD_REGISTRY_CACHES (other registries, "name" or
# "name=https://address", comma-separated; default registry-caches-default.txt; "+…" adds to it),
# DOCKYARD_DATA_DIR (default data).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/../.."
source "$here/egress-ports.sh"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mERREUR :\033[0m %s\n' "$*" >&2; exit 1; }

INTERNET="${DOCKYARD_INTERNET:-off}"
POOL="${DOCKYARD_SANDBOX_SUBNETS:-10.213.0.0/16}"
UPSTREAM="${DOCKYARD_REGISTRY_UPSTREAM:-https://registry-1.docker.io}"
LOG_DIR="$(realpath -m "${DOCKYARD_DATA_DIR:-data}/logs/egress")"
BASE=dockyard/debian-base:bookworm
REGISTRY_IMAGE=dockyard/registry:latest
IMAGE=dockyard/egress:latest
CACHE=dockyard-registry-cache FRONT=dockyard-registry-front PROXY=dockyard-egress

exec 8>"${TMPDIR:-/tmp}/dockyard-egress-up.lock"
flock 8

# What an earlier run started (every container carries its settings' label), but <kept…>.
remove_others() {
  local name
  for name in $(docker ps -a --filter label=dockyard.egress-config --format '{{.Names}}'); do
    [[ " $* " == *" $name "* ]] && continue
    docker rm -f "$name" >/dev/null 2>&1 && say "Accès à internet des labs : $name retiré"
  done
  return 0
}

case "$INTERNET" in
  off | '') remove_others; exit 0 ;;
  on) ;;
  *) die "DOCKYARD_INTERNET invalide : « $INTERNET » (attendu : on ou off)" ;;
esac

# The allowlist, one name a line: the operator's, or the default list (plus the operator's "+…").
allowlist() {
  local given="${DOCKYARD_EGRESS_ALLOW:-}"
  if [ -z "$given" ] || [[ "$given" == +* ]]; then sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/allow-default.txt"; fi
  tr ', ' '\n\n' <<<"${given#+}" | sed '/^$/d'
}
ALLOW="$(allowlist | sort -u | paste -sd, -)"
[[ ",$ALLOW," =~ ^(,\.?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)+,$ ]] \
  || die "DOCKYARD_EGRESS_ALLOW invalide : « $ALLOW » (attendu : des noms d'hôtes séparés par des virgules, .exemple.org pour ses sous-domaines)"
[[ "$UPSTREAM" =~ ^https?://[^/]+/?$ ]] || die "DOCKYARD_REGISTRY_UPSTREAM invalide : « $UPSTREAM » (attendu : https://hôte[:port])"

# The other registries' caches, "name=upstream" a line (upstream https://name unless given; the
# operator's own entry for a name of the default list wins).
registry_caches() {
  local given="${DOCKYARD_REGISTRY_CACHES-+}" entry name upstream
  { if [[ "$given" == +* ]]; then sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$here/registry-caches-default.txt"; fi
    tr ', ' '\n\n' <<<"${given#+}" | sed '/^$/d'; } | while read -r entry; do
    name="${entry%%=*}" upstream="https://$name"
    [ "$name" = "$entry" ] || upstream="${entry#*=}"
    # A name without a port: nodes reach their caches on port 80 (docker's http:// for the name).
    [[ "$name" =~ ^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$ && "$upstream" =~ ^https?://[^/,=]+/?$ ]] \
      || die "DOCKYARD_REGISTRY_CACHES invalide : « $entry » (attendu : ghcr.io, ou ghcr.io=https://miroir.exemple)"
    [ "$name" != docker.io ] || die "DOCKYARD_REGISTRY_CACHES : docker.io a déjà son cache (DOCKYARD_REGISTRY_UPSTREAM)"
    printf '%s=%s\n' "$name" "$upstream"
  done | awk -F= '!($1 in to) { order[n++] = $1 } { to[$1] = $2 } END { for (i = 0; i < n; i++) print order[i] "=" to[order[i]] }'
}
REGISTRY_CACHES="$(registry_caches)"

# Never reached through the proxy, whatever a name resolves to: the sessions, this host's own
# addresses (its services), loopback and link-local (the nodes' gateway, cloud metadata).
FORBIDDEN="$POOL 127.0.0.0/8 169.254.0.0/16 ::1 fe80::/10 $(ip -o addr show | awk '{ sub(/\/.*/, "", $4); print $4 }' | sort -u | paste -sd' ' -)"

# --- the image (nginx and squid from Debian), rebuilt when this folder changes ------------
docker image inspect "$BASE" "$REGISTRY_IMAGE" >/dev/null 2>&1 \
  || die "images de base absentes : lancez d'abord « bash runtime/images/build-all.sh »"
hash="$({ docker image inspect -f '{{.Id}}' "$BASE"; cd "$here/image" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum; } | sha256sum | cut -c1-16)"
if [ "$(docker image inspect -f '{{index .Config.Labels "dockyard.build-hash"}}' "$IMAGE" 2>/dev/null)" != "$hash" ]; then
  say "Construction de l'image $IMAGE (nginx et squid, ≈ 30 s)…"
  log="${TMPDIR:-/tmp}/dockyard-build/egress.log"
  mkdir -p "$(dirname "$log")"
  DOCKER_BUILDKIT=0 docker build --network host --force-rm --build-arg "BASE=$BASE" \
    --label "dockyard.build-hash=$hash" -t "$IMAGE" "$here/image" >"$log" 2>&1 \
    || { tail -n 20 "$log" >&2; die "échec de la construction de $IMAGE (journal : $log)"; }
fi

# run_container <name> <docker run arguments…>: (re)starts it when its image or arguments changed.
run_container() {
  local name="$1"; shift
  local want; want="$(printf '%s\n' "$@" | sha256sum | cut -c1-16)"
  if [ "$(docker container inspect -f '{{index .Config.Labels "dockyard.egress-config"}}' "$name" 2>/dev/null)" = "$want" ]; then
    [ "$(docker container inspect -f '{{.State.Running}}' "$name")" = true ] || docker start "$name" >/dev/null
    return
  fi
  docker rm -f "$name" >/dev/null 2>&1 || true
  say "Démarrage de $name…"
  docker run -d --name "$name" --network host --restart unless-stopped \
    --label dockyard.infra=true --label "dockyard.egress-config=$want" "$@" >/dev/null
}

image_of() { docker image inspect -f '{{.Id}}' "$1"; }
mkdir -p "$LOG_DIR"
hosts=()
IFS=, read -r -a entries <<<"${DOCKYARD_EGRESS_HOSTS:-}"
for entry in "${entries[@]}"; do
  [[ "$entry" =~ ^[A-Za-z0-9.-]+=[0-9a-fA-F.:]+$ ]] || die "DOCKYARD_EGRESS_HOSTS invalide : « $entry » (attendu : nom=adresse)"
  hosts+=(--add-host "${entry%%=*}:${entry#*=}")
done

# cache <container> <volume> <port> <upstream>: a read-only pull-through cache of one registry.
cache() {
  run_container "$1" -v "$2:/var/lib/docker-registry" \
    -e "REGISTRY_HTTP_ADDR=127.0.0.1:$3" -e "REGISTRY_PROXY_REMOTEURL=$4" "$(image_of "$REGISTRY_IMAGE")"
}
cache "$CACHE" dockyard-registry-cache "$CACHE_PORT" "$UPSTREAM"
kept=("$CACHE" "$FRONT" "$PROXY") registries=() port="$FIRST_REGISTRY_CACHE_PORT"
while IFS='=' read -r name upstream; do
  [ -n "$name" ] || continue
  slug="${name//[.:]/-}"
  cache "$CACHE-$slug" "dockyard-registry-cache-$slug" "$port" "$upstream"
  kept+=("$CACHE-$slug") registries+=("$name=127.0.0.1:$port")
  port=$((port + 1))
done <<<"$REGISTRY_CACHES"
remove_others "${kept[@]}"
run_container "$FRONT" -e "PORT=$FRONT_PORT" -e "POOL=$POOL" \
  -e "CATALOG=127.0.0.1:$MIRROR_PORT" -e "CACHE=127.0.0.1:$CACHE_PORT" \
  -e "REGISTRIES_PORT=$REGISTRIES_PORT" -e "REGISTRIES=$(IFS=,; echo "${registries[*]}")" "$(image_of "$IMAGE")" front
run_container "$PROXY" -v "$LOG_DIR:/var/log/dockyard-egress" "${hosts[@]}" \
  -e "PORT=$PROXY_PORT" -e "POOL=$POOL" -e "ALLOW=$ALLOW" -e "FORBIDDEN=$FORBIDDEN" "$(image_of "$IMAGE")" proxy

# The front and the proxy answer before the nodes are sent there. The cache may not: distribution
# stops at start-up when its upstream does not answer (Docker restarts it): only images that
# are not in the catalog wait for it.
answers() { curl -s -o /dev/null -m 2 "$1" 2>/dev/null; }
for _ in $(seq 1 100); do
  if answers "http://127.0.0.1:$FRONT_PORT/v2/" && answers "http://127.0.0.1:$PROXY_PORT/"; then
    answers "http://127.0.0.1:$CACHE_PORT/v2/" || sleep 2
    answers "http://127.0.0.1:$CACHE_PORT/v2/" \
      || printf 'ATTENTION : le cache de Docker Hub ne répond pas encore (%s injoignable ? voir : docker logs %s)\n' "$UPSTREAM" "$CACHE" >&2
    say "Accès à internet des labs : cache de registre (port $FRONT_PORT ; autres registres : ${registries[*]:-aucun}) et proxy (port $PROXY_PORT, journal $LOG_DIR/access.log)"
    exit 0
  fi
  sleep 0.2
done
die "le frontal du registre ou le proxy ne répond pas (voir : docker logs $FRONT ; docker logs $PROXY)"
