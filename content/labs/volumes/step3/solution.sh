#!/usr/bin/env bash
# Un conteneur avec un tmpfs sur /cache : son contenu ne survit pas à un redémarrage.
docker run -d --name cache --mount type=tmpfs,target=/cache,tmpfs-size=64m alpine sleep 3600
docker exec cache sh -c 'echo temporaire > /cache/fichier && ls /cache'
docker restart cache
docker exec cache ls /cache
