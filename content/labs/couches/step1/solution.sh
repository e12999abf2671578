#!/usr/bin/env bash
# Télécharge l'image couche par couche, puis affiche les instructions qui l'ont produite.
docker pull nginx:1.22
docker history nginx:1.22
