#!/usr/bin/env bash
# Passes when the service "web" runs one task per node, publishes 8080 in host mode, and
# the port 8080 of node1, node2 and node3 answers.
if ! docker service inspect web >/dev/null 2>&1; then
  echo "Aucun service web : créez-le sur node1 avec docker service create --name web --mode global --publish mode=host,published=8080,target=80 nginx:alpine."
  exit 1
fi
if [ -z "$(docker service inspect web --format '{{if .Spec.Mode.Global}}global{{end}}')" ]; then
  echo "Le service web n'est pas global (une tâche par nœud) : supprimez-le (docker service rm web),"
  echo "puis recréez-le avec --mode global."
  exit 1
fi
ports=$(docker service inspect web --format '{{range .Spec.EndpointSpec.Ports}}{{.PublishMode}} {{.PublishedPort}}->{{.TargetPort}} {{end}}')
case " $ports" in
  *" host 8080->80 "*) ;;
  *" ingress "*)
    echo "Le service web publie son port par le routing mesh (mode ingress), qui ne répond pas sur ces machines."
    echo "Supprimez-le (docker service rm web), puis recréez-le avec --publish mode=host,published=8080,target=80."
    exit 1
    ;;
  *)
    echo "Le service web ne publie pas le port 80 sur le port 8080 de ses nœuds en mode host (trouvé : ${ports:-aucun port})."
    echo "Supprimez-le (docker service rm web), puis recréez-le avec --publish mode=host,published=8080,target=80."
    exit 1
    ;;
esac
missing=""
for n in node1 node2 node3; do
  code=$(curl -s -m 5 -o /dev/null -w '%{http_code}' "http://$n:8080/")
  [ "$code" = "200" ] || missing="$missing $n"
done
if [ -n "$missing" ]; then
  echo "Le port 8080 ne répond pas sur :$missing. Attendez quelques secondes que leurs tâches démarrent"
  echo "(docker service ps web), puis vérifiez à nouveau."
  exit 1
fi
echo "Le service web répond sur le port 8080 de node1, node2 et node3, une tâche par nœud."
