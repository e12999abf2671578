#!/usr/bin/env bash
# Ce qu'on tape dans le shell du conteneur (docker exec -it datasci-notebook-1 bash),
# passé ici à bash -c, sans terminal : pwd, whoami, ps aux, puis les deux traces.
docker exec datasci-notebook-1 bash -c '
  pwd
  whoami
  ps aux
  echo "$(pwd) $(whoami)" > /travail/moi.txt
  ps aux > /travail/processus.txt
'
