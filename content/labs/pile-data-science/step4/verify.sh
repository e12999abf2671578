#!/usr/bin/env bash
# Passes when /travail/analyse.txt survived in the notebook and /tmp/cache.txt is gone.
state=$(docker inspect -f '{{.State.Status}}' datasci_notebook_1 2>/dev/null)
if [ "$state" != "running" ]; then
  echo "Le conteneur datasci_notebook_1 ne tourne pas (${state:-inexistant}) : relancez docker compose up -d dans ~/datasci."
  exit 1
fi
if ! docker exec datasci_notebook_1 test -f /travail/analyse.txt; then
  echo "Aucun fichier /travail/analyse.txt dans le notebook : créez-le avec la première commande de l'étape."
  exit 1
fi
if docker exec datasci_notebook_1 test -f /tmp/cache.txt; then
  echo "/tmp/cache.txt est encore là : redémarrez le notebook (docker compose restart notebook, dans ~/datasci)."
  exit 1
fi
echo "Après le redémarrage, /travail/analyse.txt a survécu dans le volume ; /tmp/cache.txt a disparu avec le tmpfs."
