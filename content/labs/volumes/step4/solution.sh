#!/usr/bin/env bash
# Sauvegarde du volume donnees dans une archive, puis restauration dans un nouveau volume.
mkdir -p ~/sauvegardes
docker run --rm -v donnees:/source:ro -v "$HOME/sauvegardes":/backup alpine \
  tar czf /backup/donnees.tar.gz -C /source .
tar tzf ~/sauvegardes/donnees.tar.gz
docker volume create donnees-restaure
docker run --rm -v donnees-restaure:/cible -v "$HOME/sauvegardes":/backup alpine \
  tar xzf /backup/donnees.tar.gz -C /cible
docker run --rm -v donnees-restaure:/data alpine cat /data/note.txt
