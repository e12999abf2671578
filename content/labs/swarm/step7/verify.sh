#!/usr/bin/env bash
# Passes when the stack "vitrine" was deployed from vitrine.yaml: its site runs on every
# node and answers on their port 8081, its cache runs on node1, and the site reaches the
# cache by name over the stack's overlay network.
for s in vitrine_site vitrine_cache; do
  if [ "$(docker service inspect "$s" --format '{{index .Spec.Labels "com.docker.stack.namespace"}}' 2>/dev/null)" != "vitrine" ]; then
    echo "Aucun service $s déployé par une stack vitrine : lancez docker stack deploy -c vitrine.yaml vitrine"
    echo "sur node1, dans le dossier de vitrine.yaml (~)."
    exit 1
  fi
done
site=$(docker service ps vitrine_site --filter desired-state=running --format '{{.Node}} {{.CurrentState}}' | grep -c ' Running')
if [ "$site" -lt 3 ]; then
  echo "vitrine_site a $site tâche(s) en cours sur 3 : attendez quelques secondes (docker stack ps vitrine)."
  exit 1
fi
cache=$(docker service ps vitrine_cache --filter desired-state=running --format '{{.Node}} {{.CurrentState}}' | grep ' Running')
if [ "${cache%% *}" != "node1" ]; then
  echo "vitrine_cache ne tourne pas sur node1 (${cache:-aucune tâche en cours}) : attendez quelques secondes,"
  echo "ou vérifiez la contrainte node.hostname == node1 de vitrine.yaml et redéployez la stack."
  exit 1
fi
missing=""
for n in node1 node2 node3; do
  [ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' "http://$n:8081/")" = "200" ] || missing="$missing $n"
done
if [ -n "$missing" ]; then
  echo "Le site de la stack ne répond pas sur le port 8081 de :$missing. Attendez quelques secondes, puis vérifiez à nouveau."
  exit 1
fi
container=$(docker ps -q -f name=vitrine_site | head -n 1)
if [ "$(docker exec "$container" sh -c 'printf "PING\r\n" | timeout 3 nc cache 6379' 2>/dev/null | tr -d '\r')" != "+PONG" ]; then
  echo "Le site ne joint pas le cache par son nom (cache:6379) : les deux services sont-ils dans la même stack ?"
  echo "Redéployez-la depuis vitrine.yaml (docker stack deploy -c vitrine.yaml vitrine)."
  exit 1
fi
echo "La stack vitrine tourne : le site sur les trois nœuds (port 8081), le cache sur node1, joignable par son nom."
