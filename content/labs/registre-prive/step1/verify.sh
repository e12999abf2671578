#!/usr/bin/env bash
# Passes when the container registre (registry:2) runs, publishes 5000 and answers on /v2/.
state=$(docker inspect -f '{{.State.Status}}' registre 2>/dev/null)
if [ "$state" != "running" ]; then
  echo "Le conteneur registre ne tourne pas (${state:-inexistant}) : lancez-le avec la commande docker run de l'étape."
  exit 1
fi
image=$(docker inspect -f '{{.Config.Image}}' registre)
if [ "$image" != "registry:2" ]; then
  echo "Le conteneur registre doit venir de l'image registry:2 (trouvé : $image) : supprimez-le (docker rm -f registre) et relancez-le."
  exit 1
fi
if ! docker port registre 5000/tcp 2>/dev/null | grep -q ':5000$'; then
  echo "Le port 5000 du registre n'est pas publié sur le port 5000 de la machine : relancez-le avec -p 5000:5000."
  exit 1
fi
for _ in 1 2 3 4 5; do
  if [ "$(curl -s --max-time 3 http://127.0.0.1:5000/v2/)" = "{}" ]; then
    echo "Le registre répond sur http://localhost:5000/v2/ : il est prêt."
    exit 0
  fi
  sleep 1
done
echo "Le conteneur registre tourne, mais http://localhost:5000/v2/ ne répond pas : regardez docker logs registre."
exit 1
