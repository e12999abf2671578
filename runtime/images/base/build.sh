#!/usr/bin/env bash
# Builds dockyard/debian-base:bookworm from Debian packages only (no registry needed):
# debootstrap a minimal bookworm into a temporary folder, then `docker import` it.
# Usage: build.sh <image-tag> <build-hash>
set -euo pipefail

tag="$1"
hash="$2"
# Same mirror as the host's apt sources (the only Debian mirror reachable here).
mirror="${DOCKYARD_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
security="${DOCKYARD_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}"

rootfs="$(mktemp -d /tmp/dockyard-rootfs.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT

debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$rootfs.log" 2>&1 || {
  echo "ERREUR : debootstrap a échoué (miroir $mirror joignable ?). Journal : $rootfs.log" >&2
  exit 1
}
rm -f "$rootfs.log"

# Updates and security fixes too, like the host.
cat >"$rootfs/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
SOURCES
# Images should stay small: no apt caches, no package lists.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*

tar -C "$rootfs" --numeric-owner -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change "LABEL dockyard.build-hash=$hash" \
  --change 'CMD ["bash"]' \
  - "$tag" >/dev/null
