#!/usr/bin/env bash
# Un volume nommé, écrit par un conteneur puis relu par un autre.
docker volume create donnees
docker volume inspect donnees
docker run --rm -v donnees:/data alpine sh -c 'echo "je survis" > /data/note.txt'
docker run --rm -v donnees:/data alpine cat /data/note.txt
