#!/usr/bin/env bash
# Passes when site:1.0 is a multi-stage build (nginx without Python) serving the generated page on 8080.
if ! docker image inspect site:1.0 >/dev/null 2>&1; then
  echo "L'image site:1.0 n'existe pas : dans /root/site, lancez docker build -t site:1.0 ."
  exit 1
fi
if docker run --rm --entrypoint sh site:1.0 -c 'command -v python3 || command -v python' >/dev/null 2>&1; then
  echo "L'image site:1.0 contient Python : la dernière étape du Dockerfile doit partir de nginx:alpine"
  echo "(FROM nginx:alpine) et ne copier que le site avec COPY --from=construction. Reconstruisez ensuite."
  exit 1
fi
if ! docker run --rm --entrypoint cat site:1.0 /usr/share/nginx/html/index.html 2>/dev/null | grep -q 'Site généré par Python'; then
  echo "L'image site:1.0 ne contient pas la page générée dans /usr/share/nginx/html/index.html :"
  echo "vérifiez la ligne COPY --from=construction /src/public/ /usr/share/nginx/html/, puis reconstruisez."
  exit 1
fi
if [ "$(docker container inspect --format '{{.State.Running}}' site 2>/dev/null)" != "true" ]; then
  echo "L'image est bonne, mais aucun conteneur nommé site ne tourne : docker run -d --name site -p 8080:80 site:1.0"
  exit 1
fi
page=""
for attempt in 1 2 3 4 5; do
  page=$(curl -s --max-time 2 http://localhost:8080/ 2>/dev/null) && [ -n "$page" ] && break
  sleep 1
done
if ! grep -q 'Site généré par Python' <<<"$page"; then
  echo "Le port 8080 de la machine ne sert pas la page générée : le conteneur site publie-t-il -p 8080:80 ?"
  echo "Supprimez-le (docker rm -f site) et relancez-le."
  exit 1
fi
echo "Le site, généré par Python pendant la construction, est servi par nginx sans Python dans l'image."
