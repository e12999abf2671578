#!/usr/bin/env bash
# Plus aucune copie locale, puis l'image revient du registre.
docker image rm bonjour:1.0 localhost:5000/bonjour:1.0 localhost:5000/bonjour:latest
docker pull localhost:5000/bonjour:1.0
docker run --rm localhost:5000/bonjour:1.0
