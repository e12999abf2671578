#!/usr/bin/env bash
# Passes when the container bonjour runs bonjour:1.0 and answers "Salut" on port 8000.
if ! docker container inspect bonjour >/dev/null 2>&1; then
  echo "Aucun conteneur nommé bonjour : lancez docker run -d --name bonjour -p 8000:8000 -e MESSAGE=Salut bonjour:1.0"
  exit 1
fi
if [ "$(docker container inspect --format '{{.State.Running}}' bonjour)" != "true" ]; then
  echo "Le conteneur bonjour est arrêté. Lisez ses journaux (docker logs bonjour), supprimez-le"
  echo "(docker rm bonjour), puis relancez-le."
  exit 1
fi
if [ "$(docker container inspect --format '{{.Config.Image}}' bonjour)" != "bonjour:1.0" ]; then
  echo "Le conteneur bonjour n'est pas lancé depuis l'image bonjour:1.0 : supprimez-le (docker rm -f bonjour) et relancez-le."
  exit 1
fi
answer=""
for attempt in 1 2 3 4 5; do
  answer=$(curl -s --max-time 2 http://localhost:8000/ 2>/dev/null) && [ -n "$answer" ] && break
  sleep 1
done
if [ -z "$answer" ]; then
  echo "Rien ne répond sur le port 8000 de la machine : avez-vous publié le port avec -p 8000:8000 ?"
  echo "Supprimez le conteneur (docker rm -f bonjour) et relancez-le avec cette option."
  exit 1
fi
if [ "$answer" != "Salut depuis un conteneur !" ]; then
  echo "L'application répond « $answer » au lieu de « Salut depuis un conteneur ! » :"
  echo "relancez le conteneur avec -e MESSAGE=Salut (docker rm -f bonjour d'abord)."
  exit 1
fi
echo "L'application répond : $answer"
