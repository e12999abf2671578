#!/usr/bin/env bash
# created → running → exited → running → exited (SIGKILL), en gardant la couche inscriptible.
docker create --name horloge busybox sh -c 'while true; do date; sleep 1; done'
docker start horloge
docker exec horloge touch /tmp/trace
docker logs horloge
docker stop -t 1 horloge      # SIGTERM ignoré par la boucle : SIGKILL au bout d'une seconde
docker start horloge
docker exec horloge ls -l /tmp/trace
docker restart -t 1 horloge
docker kill horloge           # SIGKILL tout de suite : Exited (137)
docker ps -a --filter name=horloge
