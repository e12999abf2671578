#!/usr/bin/env bash
# Passes when web runs nginx, published on 8080, with ENVIRONNEMENT=formation, and has logged a request.
if ! docker container inspect web >/dev/null 2>&1; then
  echo "Aucun conteneur nommé web : lancez docker run -d --name web -p 8080:80 -e ENVIRONNEMENT=formation nginx"
  exit 1
fi
if [ "$(docker container inspect --format '{{.State.Running}}' web)" != "true" ]; then
  echo "Le conteneur web est arrêté : démarrez-le avec docker start web."
  exit 1
fi
if ! docker container inspect --format '{{json .Config.Env}}' web | grep -q '"ENVIRONNEMENT=formation"'; then
  echo "Le conteneur web n'a pas la variable ENVIRONNEMENT=formation. Une variable se fixe à la création :"
  echo "supprimez-le (docker rm -f web) et relancez-le avec -e ENVIRONNEMENT=formation."
  exit 1
fi
if [ "$(docker container port web 80/tcp 2>/dev/null | head -n 1 | sed 's/.*://')" != "8080" ]; then
  echo "Le port 80 de web n'est pas publié sur le port 8080 de la machine : supprimez-le (docker rm -f web)"
  echo "et relancez-le avec -p 8080:80 (hôte:conteneur)."
  exit 1
fi
if ! curl -s --max-time 3 http://localhost:8080/ | grep -q '<title>'; then
  echo "Rien ne répond sur http://localhost:8080 : attendez une seconde et vérifiez de nouveau."
  exit 1
fi
echo "web répond sur le port 8080 ; ses journaux comptent $(docker logs web 2>/dev/null | grep -c 'HTTP/') requête(s)."
