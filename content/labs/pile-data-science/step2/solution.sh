#!/usr/bin/env bash
# Ce qu'on tape dans le shell du conteneur (docker exec -it datasci_notebook_1 bash),
# passé ici à bash -c, sans terminal : pwd, whoami, ps aux, puis les deux traces.
docker exec datasci_notebook_1 bash -c '
  pwd
  whoami
  ps aux
  echo "$(pwd) $(whoami)" > /travail/moi.txt
  ps aux > /travail/processus.txt
'
