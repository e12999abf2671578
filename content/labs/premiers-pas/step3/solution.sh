#!/usr/bin/env bash
# Un conteneur nommé premier, à partir de busybox, qui affiche un message puis s'arrête.
docker run --name premier busybox echo "Bonjour depuis mon premier conteneur"
