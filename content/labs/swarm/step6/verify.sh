#!/usr/bin/env bash
# Passes when "web" was rolled (not recreated) from nginx:alpine to nginx:1.22 with a delay
# between tasks: the update is completed, every running task uses nginx:1.22, and the
# nginx:alpine tasks it replaced are shut down.
if ! docker service inspect web >/dev/null 2>&1; then
  echo "Aucun service web : refaites l'étape précédente."
  exit 1
fi
image=$(docker service inspect web --format '{{.Spec.TaskTemplate.ContainerSpec.Image}}')
image=${image%%@*}
if [ "$image" != "nginx:1.22" ]; then
  echo "Le service web utilise encore ${image:-aucune image} : lancez"
  echo "docker service update --image nginx:1.22 --update-parallelism 1 --update-delay 5s web."
  exit 1
fi
state=$(docker service inspect web --format '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}')
case "$state" in
  completed) ;;
  updating)
    echo "La mise à jour est encore en cours : attendez Service converged, puis vérifiez à nouveau."
    exit 1
    ;;
  "")
    echo "Le service web n'a pas été mis à jour, mais créé directement en nginx:1.22 : recréez-le en"
    echo "nginx:alpine (commande de l'étape précédente), puis mettez-le à jour avec docker service update."
    exit 1
    ;;
  *)
    echo "La mise à jour n'a pas abouti (état : $state) : docker service ps web montre les tâches en erreur."
    echo "Relancez docker service update --image nginx:1.22 --update-parallelism 1 --update-delay 5s web."
    exit 1
    ;;
esac
delay=$(docker service inspect web --format '{{.Spec.UpdateConfig.Delay}}')
if [ -z "$delay" ] || [ "$delay" = "0s" ]; then
  echo "Le service web a été mis à jour sans délai entre deux tâches : relancez la mise à jour avec"
  echo "--update-delay 5s (docker service update --update-delay 5s web), pour voir les tâches changer une à une."
  exit 1
fi
tasks=$(docker service ps web --format '{{.DesiredState}} {{.Image}}')
running=$(printf '%s\n' "$tasks" | grep -c '^Running nginx:1\.22')
replaced=$(printf '%s\n' "$tasks" | grep -c '^Shutdown nginx:alpine')
if [ "$running" -lt 3 ] || [ "$replaced" -lt 3 ]; then
  echo "$running tâche(s) nginx:1.22 en cours et $replaced tâche(s) nginx:alpine remplacée(s), sur 3 nœuds :"
  echo "la mise à jour n'a pas remplacé une tâche sur chaque nœud. Regardez docker service ps web."
  exit 1
fi
echo "Mise à jour progressive terminée : sur chaque nœud, la tâche nginx:alpine a été remplacée par nginx:1.22, à $delay d'intervalle."
