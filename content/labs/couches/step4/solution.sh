#!/usr/bin/env bash
# Deux constructions sous le même nom : la première perd son étiquette et devient orpheline.
printf 'FROM alpine\nRUN echo v1 > /version\n' | docker build -t monapp -
printf 'FROM alpine\nRUN echo v2 > /version\n' | docker build -t monapp -
docker image ls --filter dangling=true
# -f : sans demander de confirmation.
docker image prune -f
docker run --rm monapp cat /version
