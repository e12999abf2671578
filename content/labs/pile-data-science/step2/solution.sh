#!/usr/bin/env bash
# Ce qu'on taperait dans le shell du conteneur (docker exec -it datasci_notebook_1 bash),
# passé ici à bash -c, sans terminal.
docker exec datasci_notebook_1 bash -c '
  pwd
  whoami
  for p in /proc/[0-9]*; do echo "${p#/proc/} $(tr "\0" " " < $p/cmdline)"; done
  echo "$(pwd) $(whoami)" > /travail/moi.txt
'
