#!/usr/bin/env bash
# Passes when /travail/moi.txt in the notebook says "/travail root" and the notebook still runs.
state=$(docker inspect -f '{{.State.Status}}' datasci_notebook_1 2>/dev/null)
if [ "$state" != "running" ]; then
  echo "Le conteneur datasci_notebook_1 ne tourne pas (${state:-inexistant}) : relancez docker compose up -d dans ~/datasci."
  exit 1
fi
moi=$(docker exec datasci_notebook_1 cat /travail/moi.txt 2>/dev/null)
if [ -z "$moi" ]; then
  echo "Aucun fichier /travail/moi.txt dans le notebook : entrez-y avec docker exec -it datasci_notebook_1 bash,"
  echo "puis lancez echo \"\$(pwd) \$(whoami)\" > /travail/moi.txt."
  exit 1
fi
if [ "$moi" != "/travail root" ]; then
  echo "/travail/moi.txt contient « $moi » au lieu de « /travail root » : lancez la commande depuis le shell"
  echo "du conteneur (docker exec -it datasci_notebook_1 bash), sans changer de dossier."
  exit 1
fi
echo "Dans le notebook, vous étiez dans /travail, en tant que root : c'est noté dans /travail/moi.txt."
