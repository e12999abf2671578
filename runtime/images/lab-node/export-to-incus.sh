#!/usr/bin/env bash
# export-to-incus.sh <docker image> <incus alias> <build hash>
# Turns the lab node's Docker image into an Incus image: its file tree (owned by uid 0, as
# Incus expects: each container shifts it to its own uid range) and a metadata.yaml, as one
# "unified" tarball imported under <alias>. The build hash is kept as an image property so
# that build-all.sh imports again only when the image changed.
set -euo pipefail
image="$1" alias="$2" hash="$3"

work="$(mktemp -d /var/tmp/dockyard-incus-image.XXXXXX)"
container=""
cleanup() {
  [ -z "$container" ] || docker rm -f "$container" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

container="$(docker create "$image")"
mkdir -p "$work/rootfs"
docker export "$container" | tar -x --numeric-owner -C "$work/rootfs"
cat >"$work/metadata.yaml" <<META
architecture: $(uname -m)
creation_date: $(date +%s)
properties:
  description: Dockyard lab node (Debian bookworm, Docker engine)
  os: debian
  release: bookworm
  dockyard.build-hash: "$hash"
templates: {}
META
tar -C "$work" --numeric-owner -cf "$work/image.tar" metadata.yaml rootfs
# Replace the previous image under this alias (running nodes keep their own copy).
old="$(incus image list "$alias" --format csv --columns f 2>/dev/null | head -n1 || true)"
[ -z "$old" ] || incus image alias delete "$alias" >/dev/null 2>&1 || true
incus image import "$work/image.tar" --alias "$alias" >/dev/null
[ -z "$old" ] || incus image delete "$old" >/dev/null 2>&1 || true
