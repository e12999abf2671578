#!/usr/bin/env bash
# Passes when ~/compteur/compose.yaml is valid and describes web (built) and redis (image),
# with the redis-data volume, the back network and the dependency.
cd /root/compteur 2>/dev/null || { echo "Le dossier ~/compteur n'existe plus : il contenait app.py et le Dockerfile."; exit 1; }
if [ ! -f compose.yaml ]; then
  echo "Aucun fichier ~/compteur/compose.yaml : créez-le avec la commande de l'étape."
  exit 1
fi
if ! config=$(docker compose config 2>&1); then
  echo "docker compose config refuse le fichier compose.yaml :"
  echo "$config" | tail -5
  echo "Vérifiez l'indentation (deux espaces par niveau, jamais de tabulation)."
  exit 1
fi
services=$(docker compose config --services 2>/dev/null | sort | tr '\n' ' ')
if [ "$services" != "redis web " ]; then
  echo "Le fichier doit décrire exactement deux services, web et redis (trouvés : ${services:-aucun})."
  exit 1
fi
missing=()
grep -q "build:" <<<"$config" || missing+=("web doit être construit depuis le Dockerfile (build: .)")
grep -q "image: redis:7-alpine" <<<"$config" || missing+=("redis doit utiliser l'image redis:7-alpine")
grep -q "8000" <<<"$config" || missing+=("web doit publier le port 8000 (ports: - \"8000:8000\")")
grep -q "REDIS_HOST: redis" <<<"$config" || missing+=("web doit recevoir REDIS_HOST: redis dans environment")
grep -q "redis-data" <<<"$config" || missing+=("redis doit monter le volume nommé redis-data sur /data")
grep -q "depends_on" <<<"$config" || missing+=("web doit dépendre de redis (depends_on)")
grep -q "back" <<<"$config" || missing+=("les deux services doivent être sur le réseau back")
if [ ${#missing[@]} -gt 0 ]; then
  echo "compose.yaml est valide, mais il manque :"
  printf ' - %s\n' "${missing[@]}"
  exit 1
fi
echo "compose.yaml décrit bien web (construit) et redis (image), leur volume, leur réseau et leur dépendance."
