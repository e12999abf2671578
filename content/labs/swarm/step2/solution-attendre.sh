#!/usr/bin/env bash
# Sur node1 : le manager voit les workers prêts quelques secondes après qu'ils ont rejoint.
for _ in $(seq 1 60); do
  if [ "$(docker node ls --format '{{.Status}}' | grep -c '^Ready$')" -ge 3 ]; then
    docker node ls
    exit 0
  fi
  sleep 1
done
echo "Les trois nœuds ne sont pas prêts au bout d'une minute :"
docker node ls
exit 1
