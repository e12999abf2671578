#!/usr/bin/env bash
# Un fichier dans le volume, un dans le tmpfs, la liste de /tmp notée dans le volume, puis
# un redémarrage : le volume garde ses deux fichiers, le tmpfs perd le sien.
docker exec datasci-notebook-1 bash -c 'echo "résultats" > /travail/analyse.txt && echo "cache" > /tmp/cache.txt'
docker exec datasci-notebook-1 bash -c 'ls /tmp > /travail/tmp-avant.txt'
docker exec datasci-notebook-1 ls /travail /tmp
cd ~/datasci && docker compose restart notebook
docker exec datasci-notebook-1 ls /travail /tmp
docker exec datasci-notebook-1 cat /travail/tmp-avant.txt
