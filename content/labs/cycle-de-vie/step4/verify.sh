#!/usr/bin/env bash
# Passes when jetable runs with --rm (AutoRemove), a 64 MiB memory limit and half a CPU.
if [ "$(docker container inspect --format '{{.State.Running}}' jetable 2>/dev/null)" != "true" ]; then
  echo "Aucun conteneur jetable ne tourne : lancez docker run -d --rm --name jetable --memory 64m --cpus 0.5 redis"
  exit 1
fi
settings=$(docker container inspect --format '{{.HostConfig.AutoRemove}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}' jetable)
read -r autoremove memory cpus <<<"$settings"
problems=()
[ "$autoremove" = "true" ] || problems+=("il n'a pas été lancé avec --rm")
[ "$memory" = "67108864" ] || problems+=("sa mémoire n'est pas plafonnée à 64 Mo (--memory 64m)")
[ "$cpus" = "500000000" ] || problems+=("il n'est pas limité à un demi-cœur (--cpus 0.5)")
if [ "${#problems[@]}" -gt 0 ]; then
  echo "Le conteneur jetable tourne, mais :"
  printf ' - %s\n' "${problems[@]}"
  echo "Supprimez-le (docker rm -f jetable), puis relancez-le avec toutes les options de l'étape."
  exit 1
fi
limit=$(docker stats --no-stream --format '{{.MemUsage}}' jetable 2>/dev/null)
echo "jetable tourne avec --rm, 64 Mo et un demi-cœur ; docker stats : ${limit:-indisponible}."
