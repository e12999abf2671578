#!/usr/bin/env bash
# Docker traduit --memory en un réglage du cgroup du conteneur (memory.limit_in_bytes en
# version 1 des cgroups, celle des machines de Dockyard ; memory.max en version 2).
docker run -d --name limite --memory 64m alpine sleep 3600
docker exec limite cat /sys/fs/cgroup/memory/memory.limit_in_bytes   # 67108864
docker stats --no-stream limite
