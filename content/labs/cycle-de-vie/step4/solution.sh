#!/usr/bin/env bash
# Un redis jetable (--rm), plafonné à 64 Mo de mémoire et un demi-cœur.
docker run -d --rm --name jetable --memory 64m --cpus 0.5 redis
# Une seule mesure de la consommation : la colonne LIMIT de jetable affiche 64MiB.
docker stats --no-stream jetable web
docker inspect --format 'AutoRemove={{.HostConfig.AutoRemove}} Memory={{.HostConfig.Memory}} NanoCpus={{.HostConfig.NanoCpus}}' jetable
