#!/usr/bin/env bash
# Passes when web was recreated with MESSAGE=Salut (from .env) and the page says so.
if ! grep -qx "MESSAGE=Salut" /root/compteur/.env 2>/dev/null; then
  echo "Le fichier ~/compteur/.env doit contenir la ligne MESSAGE=Salut."
  exit 1
fi
if ! docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' compteur-web-1 2>/dev/null | grep -qx "MESSAGE=Salut"; then
  echo "Le conteneur compteur-web-1 n'a pas encore MESSAGE=Salut : relancez docker compose up -d"
  echo "dans ~/compteur pour que Compose le recrée avec la nouvelle valeur."
  exit 1
fi
for _ in 1 2 3 4 5 6 7 8 9 10; do
  page=$(timeout 8 docker run --rm --network host busybox wget -qO- http://127.0.0.1:8000 2>/dev/null)
  if grep -q "^Salut" <<<"$page"; then
    echo "L'application dit désormais : $page"
    exit 0
  fi
  sleep 1
done
echo "Le conteneur a bien MESSAGE=Salut, mais la page ne répond pas « Salut » : regardez docker compose logs web."
exit 1
