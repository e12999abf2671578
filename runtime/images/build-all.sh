#!/usr/bin/env bash
# Builds every image Dockyard needs from Debian packages only (no Docker Hub here), starts
# the local registry and pushes the catalog images into it.
# Idempotent: an image is rebuilt only when the hash of its folder (and of its base) changed,
# so a second run takes seconds. Called by the start and the test commands.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BASE=dockyard/debian-base:bookworm
SANDBOX=dockyard/node:latest
REGISTRY_IMAGE=dockyard/registry:latest
NETWORK=dockyard-net
REGISTRY_NAME=dockyard-registry
REGISTRY_VOLUME=dockyard-registry-data
REGISTRY_URL=http://127.0.0.1:5000
CATALOG=(hello-world busybox)
LOGS="${TMPDIR:-/tmp}/dockyard-build"
# The v28 client has no buildx plugin here: use the classic builder of the 20.10 engine.
export DOCKER_BUILDKIT=0

say() { printf '==> %s\n' "$*"; }
die() { printf 'ERREUR : %s\n' "$*" >&2; exit 1; }

# sha256 of a folder's files (names + contents) and of extra strings (e.g. the base image id).
context_hash() {
  local dir="$1"; shift
  { printf '%s\n' "$@"
    (cd "$dir" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
  } | sha256sum | cut -c1-16
}
label_of() { docker image inspect -f '{{index .Config.Labels "dockyard.build-hash"}}' "$1" 2>/dev/null || true; }
image_id() { docker image inspect -f '{{.Id}}' "$1"; }

# Runs a command quietly; on failure shows the end of its log and stops.
run_logged() {
  local name="$1"; shift
  mkdir -p "$LOGS"
  "$@" >"$LOGS/$name.log" 2>&1 || {
    tail -n 25 "$LOGS/$name.log" >&2
    die "échec de « $name » (journal complet : $LOGS/$name.log)"
  }
}

build_base() {
  local hash; hash="$(context_hash "$here/base")"
  if [ "$(label_of "$BASE")" = "$hash" ]; then say "$BASE : à jour"; return; fi
  command -v debootstrap >/dev/null || die "debootstrap manque : apt-get install -y debootstrap"
  say "Construction de l'image de base Debian bookworm avec debootstrap (≈ 30 s)…"
  run_logged base "$here/base/build.sh" "$BASE" "$hash"
}

# build_image <tag> <folder> <message>
build_image() {
  local tag="$1" dir="$here/$2" message="$3" hash
  hash="$(context_hash "$dir" "$(image_id "$BASE")")"
  if [ "$(label_of "$tag")" = "$hash" ]; then say "$tag : à jour"; return; fi
  say "$message"
  # Host network for RUN steps: apt-get then needs neither docker0 nor NAT rules, which
  # another engine on the same host (e.g. one started with --bridge none) may have removed.
  run_logged "$2" docker build --network host --build-arg "BASE=$BASE" \
    --label "dockyard.build-hash=$hash" -t "$tag" "$dir"
}

# Same network, container, port and volume as DockerSandboxDriver.prepare().
ensure_registry() {
  docker network inspect "$NETWORK" >/dev/null 2>&1 \
    || docker network create --label dockyard.infra=true "$NETWORK" >/dev/null
  docker volume inspect "$REGISTRY_VOLUME" >/dev/null 2>&1 \
    || docker volume create --label dockyard.infra=true "$REGISTRY_VOLUME" >/dev/null
  local want have mirror
  want="$(image_id "$REGISTRY_IMAGE")"
  have="$(docker container inspect -f '{{.Image}}' "$REGISTRY_NAME" 2>/dev/null || true)"
  if [ -n "$have" ] && [ "$have" != "$want" ]; then
    say "Nouvelle image du registre : remplacement du conteneur $REGISTRY_NAME"
    docker rm -f "$REGISTRY_NAME" >/dev/null
    have=""
  fi
  # The read-only mirror sandboxes use (created by the server) must follow the same image.
  mirror="$(docker container inspect -f '{{.Image}}' dockyard-mirror 2>/dev/null || true)"
  if [ -n "$mirror" ] && [ "$mirror" != "$want" ]; then docker rm -f dockyard-mirror >/dev/null; fi
  if [ -z "$have" ]; then
    say "Démarrage du registre d'images local ($REGISTRY_NAME, 127.0.0.1:5000)…"
    docker run -d --name "$REGISTRY_NAME" --network "$NETWORK" --restart unless-stopped \
      -p 127.0.0.1:5000:5000 -v "$REGISTRY_VOLUME:/var/lib/docker-registry" \
      --label dockyard.infra=true "$REGISTRY_IMAGE" >/dev/null \
      || die "impossible de démarrer le registre (le port 127.0.0.1:5000 est-il déjà pris ?)"
  elif [ "$(docker container inspect -f '{{.State.Running}}' "$REGISTRY_NAME")" != true ]; then
    docker start "$REGISTRY_NAME" >/dev/null
  fi
  for _ in $(seq 1 100); do
    curl -fsS "$REGISTRY_URL/v2/" >/dev/null 2>&1 && return
    sleep 0.1
  done
  die "le registre ne répond pas sur $REGISTRY_URL (voir : docker logs $REGISTRY_NAME)"
}

# Pushes a catalog image unless the registry already holds the same manifest.
push_catalog() {
  local name="$1" ref="localhost:5000/library/$1:latest" local_digest remote_digest
  local_digest="$(docker image inspect -f '{{range .RepoDigests}}{{println .}}{{end}}' "$ref" \
    | sed -n "s|^localhost:5000/library/$name@||p" | head -n1 || true)"
  remote_digest="$(curl -fsSI -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "$REGISTRY_URL/v2/library/$name/manifests/latest" 2>/dev/null \
    | tr -d '\r' | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p' || true)"
  if [ -n "$local_digest" ] && [ "$local_digest" = "$remote_digest" ]; then
    say "$name : déjà dans le registre"; return
  fi
  say "Envoi de $name dans le registre local…"
  run_logged "push-$name" docker push "$ref"
}

start=$SECONDS
command -v docker >/dev/null || die "la commande docker manque : apt-get install -y docker.io"
docker info >/dev/null 2>&1 \
  || die "le moteur Docker ne répond pas : démarrez dockerd (./dockyard start le fait)"

build_base
build_image "$SANDBOX" sandbox "Construction de l'image du bac à sable (≈ 1 min la première fois)…"
build_image "$REGISTRY_IMAGE" registry "Construction de l'image du registre (≈ 30 s la première fois)…"
for name in "${CATALOG[@]}"; do
  build_image "localhost:5000/library/$name:latest" "$name" "Construction de l'image de catalogue $name…"
done
ensure_registry
for name in "${CATALOG[@]}"; do push_catalog "$name"; done
say "Images prêtes en $((SECONDS - start)) s."
