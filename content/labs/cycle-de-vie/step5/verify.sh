#!/usr/bin/env bash
# Passes when web serves the page changed with exec, jetable is gone and no stopped container is left.
if [ "$(docker container inspect --format '{{.State.Running}}' web 2>/dev/null)" != "true" ]; then
  echo "Le conteneur web ne tourne pas : démarrez-le (docker start web), ou recréez-le comme à l'étape 2."
  exit 1
fi
if ! docker diff web 2>/dev/null | grep -q '^C /usr/share/nginx/html/index.html$'; then
  echo "La page d'accueil de web n'a pas été modifiée : entrez dans le conteneur (docker exec -it web sh)"
  echo "et remplacez /usr/share/nginx/html/index.html."
  exit 1
fi
if ! curl -s --max-time 3 http://localhost:8080/ | grep -q 'Modifié avec docker exec'; then
  echo "La page servie sur le port 8080 ne contient pas « Modifié avec docker exec » : écrivez exactement"
  echo "echo '<h1>Modifié avec docker exec</h1>' > /usr/share/nginx/html/index.html dans le conteneur web."
  exit 1
fi
if docker container inspect jetable >/dev/null 2>&1; then
  echo "La page est modifiée, mais jetable existe encore : arrêtez-le (docker stop jetable) ; lancé avec --rm,"
  echo "il sera supprimé aussitôt."
  exit 1
fi
stopped=$(docker ps -a --filter status=exited --filter status=created --format '{{.Names}}' | paste -sd ' ' -)
if [ -n "$stopped" ]; then
  echo "La page est modifiée, mais il reste des conteneurs arrêtés ($stopped) : supprimez-les avec docker container prune."
  exit 1
fi
echo "web sert la page modifiée avec docker exec, et il ne reste plus aucun conteneur arrêté."
