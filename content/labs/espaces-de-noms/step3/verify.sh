#!/usr/bin/env bash
# Passes when the container sans-reseau runs with --network none.
if ! docker container inspect sans-reseau >/dev/null 2>&1; then
  echo "Aucun conteneur nommé sans-reseau : lancez docker run -d --name sans-reseau --network none alpine sleep 3600."
  exit 1
fi
if [ "$(docker container inspect --format '{{.State.Running}}' sans-reseau)" != "true" ]; then
  echo "Le conteneur sans-reseau existe mais ne tourne pas : démarrez-le avec docker start sans-reseau."
  exit 1
fi
if [ "$(docker container inspect --format '{{.HostConfig.NetworkMode}}' sans-reseau)" != "none" ]; then
  echo "Le conteneur sans-reseau est relié à un réseau : supprimez-le (docker rm -f sans-reseau),"
  echo "puis relancez-le avec l'option --network none."
  exit 1
fi
if docker exec sans-reseau ip addr 2>/dev/null | grep -q 'eth0'; then
  echo "Le conteneur sans-reseau a encore une interface eth0 : relancez-le avec --network none."
  exit 1
fi
echo "Le conteneur sans-reseau tourne sans autre interface que lo."
