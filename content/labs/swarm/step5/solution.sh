#!/usr/bin/env bash
# Sur node1 : un nginx sur chaque nœud (global), publié sur le port 8080 de chacun (host).
docker service create --name web --mode global --publish mode=host,published=8080,target=80 nginx:alpine
docker service ps web
# Le port s'ouvre quand la tâche du nœud tourne : on attend que les trois répondent.
for _ in $(seq 1 30); do
  ok=0
  for n in node1 node2 node3; do curl -s -m 2 -o /dev/null "http://$n:8080/" && ok=$((ok + 1)); done
  [ "$ok" -eq 3 ] && exit 0
  sleep 1
done
echo "Les trois nœuds ne répondent pas sur le port 8080 au bout de 30 secondes."
exit 1
