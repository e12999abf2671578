#!/usr/bin/env bash
# Passes when the container cache runs with a tmpfs mounted on /cache.
state=$(docker inspect -f '{{.State.Status}}' cache 2>/dev/null)
if [ "$state" != "running" ]; then
  echo "Le conteneur cache ne tourne pas (${state:-inexistant}) : lancez-le avec docker run -d --name cache … de l'étape."
  exit 1
fi
fs=$(docker exec cache sh -c "awk '\$2 == \"/cache\" { print \$3 }' /proc/mounts" 2>/dev/null)
if [ "$fs" != "tmpfs" ]; then
  echo "Dans le conteneur cache, /cache n'est pas un tmpfs : supprimez-le (docker rm -f cache)"
  echo "et relancez-le avec --mount type=tmpfs,target=/cache,tmpfs-size=64m."
  exit 1
fi
echo "Le conteneur cache a bien un tmpfs sur /cache, en mémoire vive."
