#!/usr/bin/env bash
# Passes when no stopped container is left and both images of the lab are still there.
stopped=$(docker ps -a --filter status=exited --filter status=created --quiet | wc -l)
if [ "$stopped" -gt 0 ]; then
  echo "Il reste $stopped conteneur(s) arrêté(s) : supprimez-les avec docker container prune."
  exit 1
fi
missing=()
for image in hello-world busybox; do
  docker image inspect "$image" >/dev/null 2>&1 || missing+=("$image")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Image(s) absente(s) de la machine : ${missing[*]}."
  echo "Lancez docker run hello-world et docker run busybox echo ok, puis refaites le ménage."
  exit 1
fi
echo "Plus aucun conteneur arrêté, et les images hello-world et busybox sont toujours là."
