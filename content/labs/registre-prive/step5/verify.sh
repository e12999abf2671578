#!/usr/bin/env bash
# Passes when registre requires the account alice / s3cr3t (htpasswd): a request without it is
# refused (401), with it the catalog lists bonjour, and bonjour:prive was pushed to this
# protected registry (its own logs show the manifest stored), after a docker login.
if [ "$(docker inspect -f '{{.State.Status}}' registre 2>/dev/null)" != "running" ]; then
  echo "Le conteneur registre ne tourne pas : relancez-le avec la commande docker run de l'étape."
  exit 1
fi
if ! docker inspect -f '{{json .Config.Env}}' registre | grep -q '"REGISTRY_AUTH=htpasswd"'; then
  echo "Le registre n'exige encore aucun compte : remplacez-le (docker rm -f registre) par celui de l'étape,"
  echo "lancé avec -e REGISTRY_AUTH=htpasswd et le fichier ~/auth/htpasswd monté dans /auth."
  exit 1
fi
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$@"; }
anonymous=000
for _ in 1 2 3 4 5; do
  anonymous=$(status http://127.0.0.1:5000/v2/_catalog)
  [ "$anonymous" != 000 ] && break
  sleep 1
done
if [ "$anonymous" = 000 ]; then
  echo "Le registre ne répond pas sur le port 5000 : regardez docker logs registre."
  exit 1
fi
if [ "$anonymous" != 401 ]; then
  echo "Sans identifiants, le registre répond $anonymous au lieu de 401 : il ne protège rien. Relancez-le comme à l'étape."
  exit 1
fi
catalog=$(curl -s --max-time 3 -u alice:s3cr3t http://127.0.0.1:5000/v2/_catalog)
if ! grep -q '"bonjour"' <<<"$catalog"; then
  echo "Le registre refuse alice / s3cr3t, ou ne contient plus bonjour ($catalog). Refaites le fichier"
  echo "~/auth/htpasswd avec htpasswd -Bbn alice s3cr3t, gardez le volume registre-data, puis relancez le registre."
  exit 1
fi
if ! grep -q '"localhost:5000"' ~/.docker/config.json 2>/dev/null; then
  echo "Le registre est protégé. Identifiez-vous : docker login localhost:5000 -u alice (mot de passe s3cr3t)."
  exit 1
fi
if ! docker logs registre 2>&1 | grep -q '"PUT /v2/bonjour/manifests/prive HTTP/1.1" 201'; then
  echo "Vous êtes identifié, mais bonjour:prive n'a pas été poussée vers le registre protégé :"
  echo "docker tag localhost:5000/bonjour:1.0 localhost:5000/bonjour:prive, puis docker push localhost:5000/bonjour:prive."
  exit 1
fi
tags=$(curl -s --max-time 3 -u alice:s3cr3t http://127.0.0.1:5000/v2/bonjour/tags/list)
echo "Le registre refuse les inconnus (401) et a accepté le push d'alice : $tags"
