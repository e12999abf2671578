#!/usr/bin/env bash
# Passes when the compteur project has no container, no network and no volume left.
left=$(docker ps -a --filter label=com.docker.compose.project=compteur --format '{{.Names}}' | tr '\n' ' ')
if [ -n "$left" ]; then
  echo "Il reste des conteneurs du projet compteur : $left"
  echo "Lancez docker compose down -v dans ~/compteur."
  exit 1
fi
if docker network inspect compteur_back >/dev/null 2>&1; then
  echo "Le réseau compteur_back existe encore : lancez docker compose down -v dans ~/compteur."
  exit 1
fi
if docker volume inspect compteur_redis-data >/dev/null 2>&1; then
  echo "Les conteneurs sont supprimés, mais le volume compteur_redis-data est resté :"
  echo "docker compose down ne le supprime qu'avec l'option -v (docker compose down -v)."
  exit 1
fi
echo "Conteneurs, réseau et volume du projet compteur ont disparu."
