#!/usr/bin/env bash
# Passes when the container isole runs with the hostname boite.
if ! docker container inspect isole >/dev/null 2>&1; then
  echo "Aucun conteneur nommé isole : lancez docker run -d --name isole --hostname boite alpine sleep 3600."
  exit 1
fi
if [ "$(docker container inspect --format '{{.State.Running}}' isole)" != "true" ]; then
  echo "Le conteneur isole existe mais ne tourne pas : démarrez-le avec docker start isole."
  exit 1
fi
if [ "$(docker exec isole hostname 2>/dev/null)" != "boite" ]; then
  echo "Le conteneur isole ne s'appelle pas boite de l'intérieur : supprimez-le (docker rm -f isole),"
  echo "puis relancez-le avec l'option --hostname boite."
  exit 1
fi
echo "Le conteneur isole tourne, et de l'intérieur il s'appelle boite."
