#!/usr/bin/env bash
# Passes when the container court ran sleep 5 to its end (exited, code 0).
if ! docker container inspect court >/dev/null 2>&1; then
  echo "Aucun conteneur nommé court : lancez docker run -d --name court alpine sleep 5."
  exit 1
fi
status=$(docker container inspect --format '{{.State.Status}}' court)
if [ "$status" = "running" ]; then
  echo "Le conteneur court tourne encore : son processus sleep 5 n'est pas terminé. Attendez quelques secondes, puis vérifiez de nouveau."
  exit 1
fi
code=$(docker container inspect --format '{{.State.ExitCode}}' court)
if [ "$status" != "exited" ] || [ "$code" != "0" ]; then
  echo "Le conteneur court est dans l'état « $status » (code $code) au lieu de s'être terminé normalement."
  echo "Supprimez-le (docker rm -f court), relancez docker run -d --name court alpine sleep 5, et laissez-le finir."
  exit 1
fi
echo "Le conteneur court s'est arrêté tout seul, avec le code 0, dès la fin de son processus sleep."
