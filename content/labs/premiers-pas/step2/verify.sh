#!/usr/bin/env bash
# Passes when at least one container from the hello-world image exists, whatever its state.
count=$(docker ps -a --filter ancestor=hello-world --quiet | wc -l)
if [ "$count" -eq 0 ]; then
  echo "Aucun conteneur issu de l'image hello-world : lancez d'abord docker run hello-world,"
  echo "puis listez les conteneurs avec docker ps -a."
  exit 1
fi
echo "$count conteneur(s) issu(s) de hello-world, visibles avec docker ps -a."
