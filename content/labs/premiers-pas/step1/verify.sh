#!/usr/bin/env bash
# Passes when a container started from hello-world ran to completion without error.
if ! docker image inspect hello-world >/dev/null 2>&1; then
  echo "L'image hello-world n'est pas sur la machine : lancez docker run hello-world."
  exit 1
fi
# Its last line shows a moment before the container is recorded as ended: one still running
# (a student who clicks at once) gets a few seconds to finish.
for id in $(docker ps --filter ancestor=hello-world --quiet); do timeout 5 docker wait "$id" >/dev/null 2>&1; done
if [ -z "$(docker ps -a --filter ancestor=hello-world --filter exited=0 --quiet)" ]; then
  echo "Aucun conteneur issu de l'image hello-world ne s'est terminé normalement :"
  echo "lancez docker run hello-world et attendez la fin de son message de bienvenue."
  exit 1
fi
echo "Le conteneur hello-world a bien affiché son message."
