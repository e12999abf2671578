#!/usr/bin/env bash
# Passes when bonjour:1.1 copies the whole context, without the files .dockerignore excludes.
if [ ! -f /root/bonjour/.dockerignore ]; then
  echo "Il n'y a pas de fichier /root/bonjour/.dockerignore : créez-le, avec les lignes *.env et *.log."
  exit 1
fi
if ! docker image inspect bonjour:1.1 >/dev/null 2>&1; then
  echo "L'image bonjour:1.1 n'existe pas : dans /root/bonjour, lancez docker build -t bonjour:1.1 ."
  exit 1
fi
files=$(docker run --rm --entrypoint ls bonjour:1.1 -a /app 2>/dev/null)
if ! grep -qx 'app.py' <<<"$files"; then
  echo "L'image bonjour:1.1 ne contient pas /app/app.py : vérifiez la ligne COPY . . du Dockerfile."
  exit 1
fi
if grep -qx 'secrets.env' <<<"$files" || grep -qx 'debug.log' <<<"$files"; then
  echo "L'image bonjour:1.1 contient encore secrets.env ou debug.log. Ajoutez *.env et *.log au"
  echo "fichier .dockerignore, puis reconstruisez : docker build -t bonjour:1.1 ."
  exit 1
fi
if ! grep -qx 'Dockerfile' <<<"$files" && ! grep -q '^COPY \. \.' /root/bonjour/Dockerfile; then
  echo "Le Dockerfile copie encore app.py seul : remplacez COPY app.py . par COPY . ., puis reconstruisez bonjour:1.1."
  exit 1
fi
echo "bonjour:1.1 copie tout le contexte, sauf ce qu'exclut .dockerignore : plus de secrets dans l'image."
