#!/usr/bin/env bash
# Un fichier dans le volume, un dans le tmpfs, puis un redémarrage : seul le premier reste.
docker exec datasci_notebook_1 bash -c 'echo "résultats" > /travail/analyse.txt && echo "cache" > /tmp/cache.txt'
docker exec datasci_notebook_1 ls /travail /tmp
cd ~/datasci && docker compose restart notebook
docker exec datasci_notebook_1 ls /travail /tmp
