#!/usr/bin/env bash
# Passes when the container limite runs with a 64 MiB memory limit.
if ! docker container inspect limite >/dev/null 2>&1; then
  echo "Aucun conteneur nommé limite : lancez docker run -d --name limite --memory 64m alpine sleep 3600."
  exit 1
fi
if [ "$(docker container inspect --format '{{.State.Running}}' limite)" != "true" ]; then
  echo "Le conteneur limite existe mais ne tourne pas : démarrez-le avec docker start limite."
  exit 1
fi
memory=$(docker container inspect --format '{{.HostConfig.Memory}}' limite)
if [ "$memory" != "67108864" ]; then
  if [ "$memory" = "0" ]; then
    echo "Le conteneur limite n'a aucune limite de mémoire."
  else
    echo "Le conteneur limite est limité à $memory octets, pas à 64 Mio (67108864 octets)."
  fi
  echo "Supprimez-le (docker rm -f limite), puis relancez-le avec l'option --memory 64m."
  exit 1
fi
echo "Le conteneur limite tourne, limité à 64 Mio de mémoire par son cgroup."
