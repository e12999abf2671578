#!/usr/bin/env bash
# Passes when the image salut has ENTRYPOINT echo Bonjour and CMD "tout le monde".
if ! docker image inspect salut >/dev/null 2>&1; then
  echo "L'image salut n'existe pas : écrivez /root/salut/Dockerfile, puis, dans ce dossier, docker build -t salut ."
  exit 1
fi
entrypoint=$(docker image inspect --format '{{json .Config.Entrypoint}}' salut)
if [ "$entrypoint" != '["echo","Bonjour"]' ]; then
  echo "L'ENTRYPOINT de salut est $entrypoint, au lieu de [\"echo\", \"Bonjour\"] (forme exec) :"
  echo "corrigez le Dockerfile, puis reconstruisez avec docker build -t salut ."
  exit 1
fi
default=$(docker run --rm salut 2>&1)
if [ "$default" != "Bonjour tout le monde" ]; then
  echo "docker run --rm salut affiche « $default » au lieu de « Bonjour tout le monde » :"
  echo "vérifiez l'instruction CMD [\"tout le monde\"], puis reconstruisez."
  exit 1
fi
given=$(docker run --rm salut Dockyard 2>&1)
if [ "$given" != "Bonjour Dockyard" ]; then
  echo "docker run --rm salut Dockyard affiche « $given » au lieu de « Bonjour Dockyard »."
  exit 1
fi
echo "salut affiche « $default » par défaut, et « $given » quand on remplace son CMD."
