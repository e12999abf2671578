#!/usr/bin/env bash
# Builds dockyard/debian-base:<suite> from Debian packages only (no registry needed):
# debootstrap a minimal Debian of that suite into a temporary folder, then `docker import` it.
# build-all.sh builds two: bookworm (the catalog's images, the registry) and trixie (the lab
# node, for a current Docker engine: see lab-node/Dockerfile).
# Usage: build.sh <suite> <image-tag> <build-hash>
set -euo pipefail

suite="$1"
tag="$2"
hash="$3"
# Same mirror as the host's apt sources (the only Debian mirror reachable here).
mirror="${DOCKYARD_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
security="${DOCKYARD_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}"

rootfs="$(mktemp -d /tmp/dockyard-rootfs.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT

debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$rootfs.log" 2>&1 || {
  echo "ERREUR : debootstrap $suite a échoué (miroir $mirror joignable ?). Journal : $rootfs.log" >&2
  exit 1
}
rm -f "$rootfs.log"

# Updates and security fixes too, like the host. (trixie's debootstrap may leave a
# deb822 debian.sources: one list of sources only, this one.)
rm -f "$rootfs"/etc/apt/sources.list.d/*.sources
cat >"$rootfs/etc/apt/sources.list" <<SOURCES
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
SOURCES
# Images should stay small: no apt caches, no package lists.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*

tar -C "$rootfs" --numeric-owner -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change "LABEL dockyard.build-hash=$hash" \
  --change 'CMD ["bash"]' \
  - "$tag" >/dev/null
