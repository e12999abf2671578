#!/usr/bin/env bash
# Passes when, in the notebook, /travail/moi.txt says "/travail root" and
# /travail/processus.txt is a `ps aux` run there from bash: its PID 1 is the notebook's
# server (on the machine, PID 1 is the machine's own first process) and a bash appears.
state=$(docker inspect -f '{{.State.Status}}' datasci-notebook-1 2>/dev/null)
if [ "$state" != "running" ]; then
  echo "Le conteneur datasci-notebook-1 ne tourne pas (${state:-inexistant}) : relancez docker compose up -d dans ~/datasci."
  exit 1
fi
moi=$(docker exec datasci-notebook-1 cat /travail/moi.txt 2>/dev/null)
if [ -z "$moi" ]; then
  echo "Aucun fichier /travail/moi.txt dans le notebook : entrez-y avec docker exec -it datasci-notebook-1 bash,"
  echo "puis lancez echo \"\$(pwd) \$(whoami)\" > /travail/moi.txt."
  exit 1
fi
if [ "$moi" != "/travail root" ]; then
  echo "/travail/moi.txt contient « $moi » au lieu de « /travail root » : lancez la commande depuis le shell"
  echo "du conteneur (docker exec -it datasci-notebook-1 bash), sans changer de dossier."
  exit 1
fi
processus=$(docker exec datasci-notebook-1 cat /travail/processus.txt 2>/dev/null)
if [ -z "$processus" ]; then
  echo "Aucun fichier /travail/processus.txt dans le notebook : dans son shell, lancez ps aux > /travail/processus.txt."
  exit 1
fi
if ! printf '%s\n' "$processus" | head -n 1 | grep -q 'PID.*COMMAND'; then
  echo "/travail/processus.txt ne ressemble pas à la sortie de ps aux : dans le shell du notebook,"
  echo "relancez ps aux > /travail/processus.txt."
  exit 1
fi
# ps aux: the PID is column 2, the command starts at column 11.
if ! printf '%s\n' "$processus" | awk '$2 == 1' | grep -q 'http.server'; then
  echo "Dans /travail/processus.txt, le processus numéro 1 n'est pas le serveur du notebook :"
  echo "ce ps aux a été lancé ailleurs. Entrez dans le notebook (docker exec -it datasci-notebook-1 bash)"
  echo "et relancez-y ps aux > /travail/processus.txt."
  exit 1
fi
if ! printf '%s\n' "$processus" | awk '$11 ~ /(^|\/)bash$/' | grep -q .; then
  echo "/travail/processus.txt ne montre aucun bash : lancez ps aux depuis le shell ouvert par"
  echo "docker exec -it datasci-notebook-1 bash."
  exit 1
fi
echo "Dans le notebook, vous étiez dans /travail, en tant que root, et ps aux n'y montrait que le serveur"
echo "(processus 1), votre bash et ps : c'est noté dans /travail/moi.txt et /travail/processus.txt."
