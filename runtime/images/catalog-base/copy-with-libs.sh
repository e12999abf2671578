#!/bin/bash
# Usage: dockyard-copy-with-libs <root> <path>…
# Copies each path into <root> at the same place, with the shared libraries it links to and
# the targets of symbolic links, to assemble small images FROM scratch out of Debian packages.
set -euo pipefail
root="$1"; shift

# Debian 12 has a merged /usr: keep /lib and /lib64 as links so paths given by ldd still work.
mkdir -p "$root/usr/lib" "$root/usr/lib64"
[ -e "$root/lib" ] || ln -s usr/lib "$root/lib"
[ -e "$root/lib64" ] || ln -s usr/lib64 "$root/lib64"

copy() {
  local path="$1"
  if [ -e "$root$path" ] || [ -L "$root$path" ]; then return; fi
  cp -a --parents "$path" "$root"
  if [ -L "$path" ]; then copy "$(readlink -f "$path")"; fi
  if [ -f "$path" ] && [ ! -L "$path" ] && ldd "$path" >/dev/null 2>&1; then
    local lib
    for lib in $(ldd "$path" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}'); do
      copy "$lib"
    done
  fi
}

for path in "$@"; do copy "$path"; done
