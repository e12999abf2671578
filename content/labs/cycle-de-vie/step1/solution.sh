#!/usr/bin/env bash
# Le conteneur s'arrête tout seul quand son processus principal, sleep 5, se termine.
docker run -d --name court alpine sleep 5
docker wait court   # attend la fin du conteneur et affiche son code de sortie (0)
docker ps -a
