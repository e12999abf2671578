#!/usr/bin/env bash
# Passes when the table releves of the database mesures holds at least three rows.
state=$(docker inspect -f '{{.State.Status}}' datasci-base-1 2>/dev/null)
if [ "$state" != "running" ]; then
  echo "Le conteneur datasci-base-1 ne tourne pas (${state:-inexistant}) : relancez docker compose up -d dans ~/datasci."
  exit 1
fi
count=$(docker exec datasci-base-1 psql -U analyste -d mesures -tAc "SELECT count(*) FROM releves;" 2>/dev/null)
if [ -z "$count" ]; then
  echo "La base mesures n'a pas de table releves : créez-la avec la commande CREATE TABLE de l'étape."
  exit 1
fi
if [ "$count" -lt 3 ]; then
  echo "La table releves contient $count ligne(s) : insérez les trois relevés avec la commande INSERT de l'étape."
  exit 1
fi
echo "La table releves de la base mesures contient $count relevés."
