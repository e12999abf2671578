#!/usr/bin/env bash
# Passes when both images used in this lab are stored locally.
missing=()
for image in hello-world busybox; do
  docker image inspect "$image" >/dev/null 2>&1 || missing+=("$image")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Image(s) absente(s) de la machine : ${missing[*]}."
  echo "Lancez docker run hello-world et docker run busybox echo ok, puis docker image ls."
  exit 1
fi
echo "Les images hello-world et busybox sont bien présentes localement."
