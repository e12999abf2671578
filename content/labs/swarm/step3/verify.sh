#!/usr/bin/env bash
# Passes when the service "horloge" runs three tasks on at least two nodes.
if ! docker service inspect horloge >/dev/null 2>&1; then
  echo "Aucun service horloge : créez-le sur node1 avec docker service create --name horloge --replicas 3 …"
  exit 1
fi
tasks=$(docker service ps horloge --filter desired-state=running --format '{{.Node}} {{.CurrentState}}' | grep ' Running')
running=$(printf '%s\n' "$tasks" | grep -c ' Running')
nodes=$(printf '%s\n' "$tasks" | awk 'NF {print $1}' | sort -u | wc -l)
if [ "$running" -lt 3 ]; then
  echo "Le service horloge a $running tâche(s) en cours sur 3 : attendez quelques secondes, puis docker service ps horloge."
  exit 1
fi
if [ "$nodes" -lt 2 ]; then
  echo "Les tâches tournent toutes sur le même nœud : les trois nœuds ont-ils bien rejoint l'essaim ?"
  exit 1
fi
echo "3 tâches en cours, réparties sur $nodes nœuds."
