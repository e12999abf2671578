#!/usr/bin/env bash
# Conteneurs, réseau et volumes du projet : tout disparaît.
cd ~/compteur
docker compose down -v
docker volume ls
