#!/usr/bin/env bash
# Passes when the local bonjour:1.0 name is gone and localhost:5000/bonjour:1.0 was pulled back.
if docker image inspect bonjour:1.0 >/dev/null 2>&1; then
  echo "L'image locale bonjour:1.0 existe encore : supprimez les copies locales avec"
  echo "docker image rm bonjour:1.0 localhost:5000/bonjour:1.0 localhost:5000/bonjour:latest."
  exit 1
fi
if ! docker image inspect localhost:5000/bonjour:1.0 >/dev/null 2>&1; then
  echo "Les copies locales sont supprimées. Tirez maintenant l'image : docker pull localhost:5000/bonjour:1.0."
  exit 1
fi
if docker image inspect localhost:5000/bonjour:latest >/dev/null 2>&1; then
  echo "localhost:5000/bonjour:latest existe encore en local : supprimez-la aussi (docker image rm localhost:5000/bonjour:latest)."
  exit 1
fi
echo "localhost:5000/bonjour:1.0 a été tirée de votre registre : $(docker run --rm localhost:5000/bonjour:1.0)"
