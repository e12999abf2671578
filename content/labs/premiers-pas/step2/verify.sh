#!/usr/bin/env bash
# Passes when hello-world was run at least twice: each docker run makes a new container.
count=$(docker ps -a --filter ancestor=hello-world --quiet | wc -l)
if [ "$count" -lt 2 ]; then
  echo "$count conteneur issu de l'image hello-world : relancez docker run hello-world,"
  echo "puis listez les conteneurs avec docker ps -a pour voir qu'il y en a un nouveau."
  exit 1
fi
echo "$count conteneurs issus de hello-world, visibles avec docker ps -a : chaque docker run en crée un nouveau."
