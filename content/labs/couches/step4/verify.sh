#!/usr/bin/env bash
# Passes when monapp holds version 2 and no dangling image is left.
if ! docker image inspect monapp:latest >/dev/null 2>&1; then
  echo "Aucune image monapp : construisez-la avec le premier docker build -t monapp de l'étape."
  exit 1
fi
version=$(docker run --rm monapp cat /version 2>/dev/null)
if [ "$version" != "v2" ]; then
  echo "L'image monapp contient « ${version:-rien} » dans /version, pas v2 : reconstruisez-la avec le second"
  echo "docker build -t monapp de l'étape (RUN echo v2 > /version)."
  exit 1
fi
dangling=$(docker image ls --filter dangling=true --quiet | wc -l)
if [ "$dangling" -gt 0 ]; then
  echo "Il reste $dangling image(s) orpheline(s) (<none>) : supprimez-les avec docker image prune."
  exit 1
fi
for image in nginx:1.22 httpd:2.4; do
  if ! docker image inspect "$image" >/dev/null 2>&1; then
    echo "L'image $image a disparu : docker image prune -a supprime aussi les images nommées."
    echo "Retéléchargez-la avec docker pull $image, sans -a la prochaine fois."
    exit 1
  fi
done
echo "Plus aucune image orpheline, et monapp contient bien sa version 2."
