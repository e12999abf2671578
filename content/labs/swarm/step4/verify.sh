#!/usr/bin/env bash
# Passes when the service "horloge" asks for five replicas and runs them.
wanted=$(docker service inspect horloge --format '{{.Spec.Mode.Replicated.Replicas}}' 2>/dev/null)
if [ "$wanted" != "5" ]; then
  echo "Le service horloge demande ${wanted:-0} réplique(s) : passez-le à 5 avec docker service scale horloge=5."
  exit 1
fi
running=$(docker service ps horloge --filter desired-state=running --format '{{.CurrentState}}' | grep -c '^Running')
if [ "$running" -lt 5 ]; then
  echo "$running tâche(s) en cours sur 5 : attendez quelques secondes et vérifiez à nouveau."
  exit 1
fi
echo "Le service horloge tourne en 5 répliques."
