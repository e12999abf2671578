#!/usr/bin/env bash
# Passes when the registry lists the repository bonjour with the tags 1.0 and latest.
get() { curl -s --max-time 5 "http://127.0.0.1:5000$1"; }
catalog=$(get /v2/_catalog)
if [ -z "$catalog" ]; then
  echo "Le registre ne répond pas sur le port 5000 : le conteneur registre tourne-t-il encore (docker ps) ?"
  exit 1
fi
if ! grep -q '"bonjour"' <<<"$catalog"; then
  echo "Le registre ne contient pas encore bonjour ($catalog) : docker push localhost:5000/bonjour:1.0."
  exit 1
fi
tags=$(get /v2/bonjour/tags/list)
for tag in 1.0 latest; do
  if ! grep -q "\"$tag\"" <<<"$tags"; then
    echo "Le registre n'a pas l'étiquette $tag de bonjour ($tags) : docker push localhost:5000/bonjour:$tag."
    exit 1
  fi
done
echo "Le registre contient bonjour, avec les étiquettes 1.0 et latest : $tags"
