#!/usr/bin/env bash
# Sur node1 : la stack vitrine, décrite par ~/vitrine.yaml (copié sur node1 au démarrage).
cd ~ && docker stack deploy -c vitrine.yaml vitrine
# La commande rend la main avant que les tâches tournent : on attend que le site réponde
# sur les trois nœuds et que le cache tourne.
for _ in $(seq 1 90); do
  ok=0
  for n in node1 node2 node3; do curl -s -m 2 -o /dev/null "http://$n:8081/" && ok=$((ok + 1)); done
  cache=$(docker service ps vitrine_cache --filter desired-state=running --format '{{.CurrentState}}' | grep -c '^Running')
  if [ "$ok" -eq 3 ] && [ "$cache" -ge 1 ]; then
    docker stack services vitrine
    exit 0
  fi
  sleep 1
done
echo "La stack vitrine n'est pas prête au bout d'une minute et demie :"
docker stack ps vitrine
exit 1
