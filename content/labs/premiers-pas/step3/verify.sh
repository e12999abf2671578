#!/usr/bin/env bash
# Passes when a container named "premier", made from busybox, exited with code 0.
if ! state=$(docker inspect --format '{{.State.Status}} {{.State.ExitCode}} {{.Config.Image}}' premier 2>/dev/null); then
  echo "Aucun conteneur nommé premier : lancez"
  echo "  docker run --name premier busybox echo \"Bonjour depuis mon premier conteneur\""
  exit 1
fi
read -r status code image <<<"$state"
if [ "${image%:latest}" != "busybox" ]; then
  echo "Le conteneur premier vient de l'image $image, et non de busybox."
  echo "Supprimez-le avec docker rm -f premier, puis relancez-le à partir de busybox."
  exit 1
fi
if [ "$status" != "exited" ]; then
  echo "Le conteneur premier est encore dans l'état « $status » : attendez qu'il se termine."
  exit 1
fi
if [ "$code" != "0" ]; then
  echo "Le conteneur premier s'est terminé avec le code $code : sa commande a échoué."
  echo "Supprimez-le avec docker rm premier, puis relancez la commande de l'étape."
  exit 1
fi
echo "Le conteneur premier s'est terminé sans erreur."
