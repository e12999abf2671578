#!/usr/bin/env bash
# Builds every image Dockyard needs from Debian packages only (no Docker Hub here), starts
# the local registry and pushes the catalog (catalog.txt) into it.
# Idempotent: an image is rebuilt only when the hash of its folder (and of what it starts
# from) changed, and a tag is pushed only when the registry holds another image under it,
# so a second run takes seconds. Called by the start and the test commands.
# DOCKYARD_BUILD_JOBS (default 4) builds and pushes run side by side, each as soon as what
# it starts from is ready: on 2 cores, 4 at a time measured fastest (downloads overlap).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BASE=dockyard/debian-base:bookworm
# The lab node's base: trixie, for a current Docker engine in the nodes (lab-node/Dockerfile).
NODE_BASE=dockyard/debian-base:trixie
CATALOG_BASE=dockyard/catalog-base:bookworm
# The lab node, built by Docker, then imported into Incus under the name labs use.
LAB_NODE=dockyard/lab-node:latest
LAB_NODE_ALIAS=dockyard/node:latest
REGISTRY_IMAGE=dockyard/registry:latest
NETWORK=dockyard-net
REGISTRY_NAME=dockyard-registry
REGISTRY_VOLUME=dockyard-registry-data
REGISTRY_URL=http://127.0.0.1:5000
LAB_MIRROR_NAME=dockyard-lab-mirror
# Where lab nodes pull from (lab-node/start-dockerd.sh; runtime/incus/host-firewall.sh opens it to them).
LAB_MIRROR_PORT=5001
# Catalog images are tagged under this registry locally, and pushed there: Docker Hub's
# official images under library/ (nginx → library/nginx), the others under their own
# namespace (curlimages/curl), where a node's engine asks its mirror for them.
REGISTRY_HOST=localhost:5000
JOBS="${DOCKYARD_BUILD_JOBS:-4}"
LOGS="${TMPDIR:-/tmp}/dockyard-build"
# The v28 client has no buildx plugin here: use the classic builder of the 20.10 engine.
export DOCKER_BUILDKIT=0

# One build at a time on a machine: two runs side by side would fight over tags and pushes.
exec 8>"${TMPDIR:-/tmp}/dockyard-build-all.lock"
flock 8

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
    tail -n 25 "$LOGS/$name.log" | sed "s|^|  [$name] |" >&2
    die "échec de « $name » (journal complet : $LOGS/$name.log)"
  }
}

# --- What images start from (catalog.txt's "from" column) -------------------------------

# ref_of <from>: the image a "from" entry names.
ref_of() {
  case "$1" in
    base) printf '%s' "$BASE" ;;
    node-base) printf '%s' "$NODE_BASE" ;;
    catalog-base) printf '%s' "$CATALOG_BASE" ;;
    *) printf '%s:%s' "$(repo_of "${1%%:*}")" "${1#*:}" ;;
  esac
}
# registry_path <name>: nginx → library/nginx, curlimages/curl → curlimages/curl.
registry_path() { case "$1" in */*) printf '%s' "$1" ;; *) printf 'library/%s' "$1" ;; esac; }
# repo_of <name>: the local repository a catalog name is built and pushed as.
repo_of() { printf '%s/%s' "$REGISTRY_HOST" "$(registry_path "$1")"; }
# arg_of <from>: the build argument that carries it (alpine:latest → ALPINE_IMAGE).
arg_of() {
  case "$1" in
    base | node-base) printf DEBIAN_BASE_IMAGE ;;
    catalog-base) printf CATALOG_BASE_IMAGE ;;
    *) local name="${1%%:*}"; name="${name^^}"; name="${name//\//_}"; printf '%s_IMAGE' "${name//-/_}" ;;
  esac
}

# build_base <suite> <tag>: a Debian base image of that suite, by debootstrap.
build_base() {
  local suite="$1" tag="$2" hash; hash="$(context_hash "$here/base" "$suite")"
  if [ "$(label_of "$tag")" = "$hash" ]; then say "$tag : à jour"; return; fi
  command -v debootstrap >/dev/null || die "debootstrap manque : apt-get install -y debootstrap"
  say "Construction de l'image de base Debian $suite avec debootstrap (≈ 30 s)…"
  local began=$SECONDS
  run_logged "base-$suite" "$here/base/build.sh" "$suite" "$tag" "$hash"
  say "$tag : construite en $((SECONDS - began)) s"
}

# build_image <tag> <folder[:stage]> <from,from…> <message> [other tag…]
# Other tags (same repository) end up naming the same image, whether it was rebuilt or not.
build_image() {
  local tag="$1" folder="${2%%:*}" stage="" message="$4" hash old from log began=$SECONDS
  local -a froms ids=() args=()
  if [[ "$2" == *:* ]]; then stage="${2#*:}"; fi
  IFS=, read -r -a froms <<<"$3"
  shift 4
  for from in "${froms[@]}"; do
    ids+=("$(image_id "$(ref_of "$from")")")
    args+=(--build-arg "$(arg_of "$from")=$(ref_of "$from")")
  done
  args+=(--build-arg "BASE=$(ref_of "${froms[0]}")")
  if [ -n "$stage" ]; then args+=(--target "$stage"); ids+=("stage=$stage"); fi
  hash="$(context_hash "$here/$folder" "${ids[@]}")"
  if [ "$(label_of "$tag")" = "$hash" ]; then
    say "$tag : à jour"
    tag_aliases "$tag" "$@"
    return
  fi
  say "$message"
  old="$(docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)"
  log="${tag//[\/:]/_}"
  # Host network for RUN steps: apt-get then needs neither docker0 nor NAT rules, which
  # another engine on the same host (e.g. one started with --bridge none) may have removed.
  run_logged "$log" docker build --force-rm --network host "${args[@]}" \
    --label "dockyard.build-hash=$hash" -t "$tag" "$here/$folder"
  say "$tag : construite en $((SECONDS - began)) s"
  tag_aliases "$tag" "$@"
  # What this build left untagged only takes space: the previous image, and the images that
  # ended the earlier stages of a multi-stage build (the id shown before each later FROM).
  local -a stage_ends
  mapfile -t stage_ends < <(awk '/^Step [0-9]+\/[0-9]+ : FROM /{ if (seen) print last; seen = 1 }
    /^ ---> [0-9a-f]+$/{ last = $2 }' "$LOGS/$log.log")
  drop_if_untagged "$old" "${stage_ends[@]}"
}

# tag_aliases <image> <tag>…: names the image also <repository>:<tag> for each tag missing.
tag_aliases() {
  local ref="$1" repo="${1%:*}" have alias
  shift
  [ "$#" -gt 0 ] || return 0
  have="$(docker image inspect -f '{{range .RepoTags}}{{println .}}{{end}}' "$ref")"
  for alias in "$@"; do
    grep -qxF "$repo:$alias" <<<"$have" || docker tag "$ref" "$repo:$alias"
  done
}

# drop_if_untagged <image id>…: removes those no tag names. One still in use (e.g. mysql's
# old build still sits on mariadb's) is tried again at the end of the run.
drop_if_untagged() {
  local id
  for id in "$@"; do
    [ -n "$id" ] || continue
    if [ "$(docker image inspect -f '{{len .RepoTags}}' "$id" 2>/dev/null)" = 0 ]; then
      docker image rm "$id" >/dev/null 2>&1 || echo "$id" >>"$LOGS/drop-later"
    fi
  done
}

# --- The local registry ------------------------------------------------------------------

# Same network, container, port and volume as DockerSandboxDriver.prepare().
ensure_registry() {
  docker network inspect "$NETWORK" >/dev/null 2>&1 \
    || docker network create --label dockyard.infra=true "$NETWORK" >/dev/null
  docker volume inspect "$REGISTRY_VOLUME" >/dev/null 2>&1 \
    || docker volume create --label dockyard.infra=true "$REGISTRY_VOLUME" >/dev/null
  local want have
  want="$(image_id "$REGISTRY_IMAGE")"
  have="$(docker container inspect -f '{{.Image}}' "$REGISTRY_NAME" 2>/dev/null || true)"
  if [ -n "$have" ] && [ "$have" != "$want" ]; then
    say "Nouvelle image du registre : remplacement du conteneur $REGISTRY_NAME"
    docker rm -f "$REGISTRY_NAME" >/dev/null
    have=""
  fi
  # The retired Docker runtime's mirror, if an older Dockyard left it.
  docker rm -f dockyard-mirror >/dev/null 2>&1 || true
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

# The registry's read-only twin that lab nodes pull from, on the host's network: nodes reach
# it at their gateway, on the one port the host firewall opens to them
# (runtime/incus/host-firewall.ts). Same storage, mounted read-only.
ensure_lab_mirror() {
  local want have
  want="$(image_id "$REGISTRY_IMAGE")"
  have="$(docker container inspect -f '{{.Image}}' "$LAB_MIRROR_NAME" 2>/dev/null || true)"
  if [ -n "$have" ] && [ "$have" != "$want" ]; then docker rm -f "$LAB_MIRROR_NAME" >/dev/null; have=""; fi
  if [ -z "$have" ]; then
    say "Démarrage du miroir en lecture seule des nœuds de lab ($LAB_MIRROR_NAME, port $LAB_MIRROR_PORT)…"
    docker run -d --name "$LAB_MIRROR_NAME" --network host --restart unless-stopped \
      -e "REGISTRY_HTTP_ADDR=:$LAB_MIRROR_PORT" -v "$REGISTRY_VOLUME:/var/lib/docker-registry:ro" \
      --label dockyard.infra=true "$REGISTRY_IMAGE" \
      /usr/bin/docker-registry serve /etc/docker/registry/config-readonly.yml >/dev/null \
      || die "impossible de démarrer le miroir (le port $LAB_MIRROR_PORT est-il déjà pris ?)"
  elif [ "$(docker container inspect -f '{{.State.Running}}' "$LAB_MIRROR_NAME")" != true ]; then
    docker start "$LAB_MIRROR_NAME" >/dev/null
  fi
}

# Imports the lab node's image into Incus when the one there was built from other files.
import_lab_node() {
  local hash
  hash="$(label_of "$LAB_NODE")"
  command -v incus >/dev/null || die "Incus manque : ./dockyard start l'installe"
  if [ "$(incus image get-property "$LAB_NODE_ALIAS" dockyard.build-hash 2>/dev/null || true)" = "$hash" ]; then
    say "$LAB_NODE_ALIAS (Incus) : à jour"
    return
  fi
  say "Import de l'image des nœuds de lab dans Incus ($LAB_NODE_ALIAS)…"
  local began=$SECONDS
  run_logged incus-import "$here/lab-node/export-to-incus.sh" "$LAB_NODE" "$LAB_NODE_ALIAS" "$hash"
  say "$LAB_NODE_ALIAS (Incus) : importée en $((SECONDS - began)) s"
}

# Digest of the manifest the registry holds under name:tag (empty when it has none).
remote_digest() {
  curl -fsSI -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "$REGISTRY_URL/v2/$(registry_path "$1")/manifests/$2" 2>/dev/null \
    | tr -d '\r' | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p' || true
}

# push_catalog <name> <tag>…: pushes the tags under which the registry does not already
# hold this very image (the first tag names the image built, the others the same image).
push_catalog() {
  local name="$1" repo built tag digests pushed=0 began=$SECONDS
  repo="$(repo_of "$1")" built="$(repo_of "$1"):$2"
  shift
  # Digests this image already has in the registry, from earlier pushes.
  digests="$(docker image inspect -f '{{range .RepoDigests}}{{println .}}{{end}}' "$built" \
    | sed -n "s|^$repo@||p")"
  for tag in "$@"; do
    local remote; remote="$(remote_digest "$name" "$tag")"
    if [ -n "$remote" ] && grep -qxF "$remote" <<<"$digests"; then continue; fi
    [ "$pushed" = 1 ] || say "Envoi de $name ($*) dans le registre local…"
    run_logged "push-${name//\//_}-$tag" docker push "$repo:$tag"
    pushed=1
  done
  if [ "$pushed" = 1 ]; then say "$name:$1 : envoyée en $((SECONDS - began)) s"; else
    say "$name:$1 (${#@} étiquettes) : déjà dans le registre"; fi
}

# --- Jobs, run side by side once what they need is done ------------------------------------

declare -a JOB_ORDER=()
declare -A JOB_NEEDS=() JOB_CMD=() JOB_STATE=() JOB_OF_PID=()

# job <key> <needed keys, comma-separated> <command…>
job() {
  local key="$1" needs="$2"; shift 2
  JOB_ORDER+=("$key")
  JOB_NEEDS[$key]="$needs"
  JOB_CMD[$key]="$(printf '%q ' "$@")"
  JOB_STATE[$key]=waiting
}

# ready <key>: 0 when every job it needs is done, 2 when one of them failed, 1 otherwise.
ready() {
  local need
  local -a needs
  IFS=, read -r -a needs <<<"${JOB_NEEDS[$1]}"
  for need in "${needs[@]}"; do
    case "${JOB_STATE[$need]:-done}" in
      done) ;;
      failed) return 2 ;;
      *) return 1 ;;
    esac
  done
  return 0
}

run_jobs() {
  local running=0 key status pid failed=()
  while :; do
    for key in "${JOB_ORDER[@]}"; do
      [ "${JOB_STATE[$key]}" = waiting ] || continue
      status=0; ready "$key" || status=$?
      if [ "$status" = 2 ]; then JOB_STATE[$key]=failed; failed+=("$key"); continue; fi
      if [ "$status" = 0 ] && [ "$running" -lt "$JOBS" ]; then
        eval "${JOB_CMD[$key]}" &
        JOB_OF_PID[$!]="$key"
        JOB_STATE[$key]=running
        running=$((running + 1))
      fi
    done
    [ "$running" -gt 0 ] || break
    status=0; wait -n -p pid || status=$?
    key="${JOB_OF_PID[$pid]}"
    running=$((running - 1))
    if [ "$status" = 0 ]; then JOB_STATE[$key]="done"; else JOB_STATE[$key]=failed; failed+=("$key"); fi
  done
  for key in "${JOB_ORDER[@]}"; do
    if [ "${JOB_STATE[$key]}" = waiting ]; then failed+=("$key"); fi
  done
  [ "${#failed[@]}" -eq 0 ] || die "échec ou abandon de : ${failed[*]}"
}

# --- Main ----------------------------------------------------------------------------------

start=$SECONDS
command -v docker >/dev/null || die "la commande docker manque : apt-get install -y docker.io"
docker info >/dev/null 2>&1 \
  || die "le moteur Docker ne répond pas : démarrez dockerd (./dockyard start le fait)"

build_base bookworm "$BASE"

job registry "" build_image "$REGISTRY_IMAGE" registry base "Construction de l'image du registre (≈ 30 s la première fois)…"
job registry-up registry ensure_registry
job lab-mirror registry-up ensure_lab_mirror
job node-base "" build_base trixie "$NODE_BASE"
job lab-node node-base build_image "$LAB_NODE" lab-node node-base "Construction de l'image des nœuds de lab (≈ 1 min la première fois)…"
job lab-node-incus lab-node import_lab_node
job catalog-base "" build_image "$CATALOG_BASE" catalog-base base "Construction de la base des images de catalogue…"

while read -r name folder from tags; do
  case "$name" in '' | '#'*) continue ;; esac
  read -r -a tag_list <<<"$tags"
  key="$name:${tag_list[0]}"
  after=""
  IFS=, read -r -a froms <<<"$from"
  for dep in "${froms[@]}"; do [ "$dep" = base ] || after+="${after:+,}$dep"; done
  job "$key" "$after" build_image "$(repo_of "$name"):${tag_list[0]}" "$folder" "$from" \
    "Construction de l'image de catalogue $key…" "${tag_list[@]:1}"
  job "push $key" "$key,registry-up" push_catalog "$name" "${tag_list[@]}"
done <"$here/catalog.txt"

rm -f "$LOGS/drop-later"
run_jobs
if [ -f "$LOGS/drop-later" ]; then
  while read -r id; do docker image rm "$id" >/dev/null 2>&1 || true; done <"$LOGS/drop-later"
  rm -f "$LOGS/drop-later"
fi
say "Images prêtes en $((SECONDS - start)) s."
