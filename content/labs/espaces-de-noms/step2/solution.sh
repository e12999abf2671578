#!/usr/bin/env bash
# Dans le conteneur, sleep est le PID 1 ; sur la machine, il a un numéro ordinaire.
docker exec isole ps
docker top isole
docker inspect --format '{{.State.Pid}}' isole > /root/pid-hote.txt
cat /root/pid-hote.txt
