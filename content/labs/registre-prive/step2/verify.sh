#!/usr/bin/env bash
# Passes when bonjour:1.0 exists and localhost:5000/bonjour:1.0 and :latest name the same image.
id=$(docker image inspect -f '{{.Id}}' bonjour:1.0 2>/dev/null)
if [ -z "$id" ]; then
  echo "Aucune image bonjour:1.0 : construisez-la avec docker build -t bonjour:1.0 . dans ~/bonjour."
  exit 1
fi
for tag in 1.0 latest; do
  other=$(docker image inspect -f '{{.Id}}' "localhost:5000/bonjour:$tag" 2>/dev/null)
  if [ "$other" != "$id" ]; then
    echo "localhost:5000/bonjour:$tag ne désigne pas l'image bonjour:1.0 : docker tag bonjour:1.0 localhost:5000/bonjour:$tag."
    exit 1
  fi
done
echo "bonjour:1.0, localhost:5000/bonjour:1.0 et localhost:5000/bonjour:latest sont trois noms de la même image."
