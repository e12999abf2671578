#!/usr/bin/env bash
# Docker traduit --memory en un fichier memory.max dans le cgroup du conteneur.
docker run -d --name limite --memory 64m alpine sleep 3600
docker exec limite cat /sys/fs/cgroup/memory.max   # 67108864
docker stats --no-stream limite
