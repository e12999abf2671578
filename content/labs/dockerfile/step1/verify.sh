#!/usr/bin/env bash
# Passes when bonjour:1.0 was built from a Dockerfile with the step's instructions.
if [ ! -f /root/bonjour/Dockerfile ]; then
  echo "Il n'y a pas de fichier /root/bonjour/Dockerfile : écrivez-le d'abord (attention au D majuscule)."
  exit 1
fi
if ! docker image inspect bonjour:1.0 >/dev/null 2>&1; then
  echo "L'image bonjour:1.0 n'existe pas : dans /root/bonjour, lancez docker build -t bonjour:1.0 ."
  exit 1
fi
problems=()
config() { docker image inspect --format "$1" bonjour:1.0; }
[ "$(config '{{.Config.WorkingDir}}')" = "/app" ] || problems+=("le dossier de travail n'est pas /app (WORKDIR /app)")
config '{{json .Config.Env}}' | grep -q '"MESSAGE=Bonjour"' || problems+=("la variable MESSAGE ne vaut pas Bonjour (ENV MESSAGE=Bonjour)")
config '{{json .Config.ExposedPorts}}' | grep -q '"8000/tcp"' || problems+=("le port 8000 n'est pas déclaré (EXPOSE 8000)")
[ "$(config '{{json .Config.Cmd}}')" = '["python","app.py"]' ] || problems+=("la commande par défaut n'est pas [\"python\", \"app.py\"] (CMD, forme exec)")
docker run --rm --user root --entrypoint ls bonjour:1.0 /app/app.py >/dev/null 2>&1 || problems+=("app.py n'a pas été copié dans /app (COPY app.py .)")
[ "$(config '{{index .Config.Labels "org.opencontainers.image.title"}}')" = "bonjour" ] || problems+=("la métadonnée org.opencontainers.image.title ne vaut pas bonjour (LABEL)")
if [ "$(config '{{.Config.User}}')" != "appuser" ]; then
  problems+=("l'application tournerait sous root : il manque USER appuser")
elif [ "$(docker run --rm --entrypoint id bonjour:1.0 -un 2>/dev/null)" != "appuser" ]; then
  problems+=("le compte appuser n'existe pas dans l'image : créez-le avant USER (RUN useradd --system --no-create-home appuser)")
fi
if [ "${#problems[@]}" -gt 0 ]; then
  echo "L'image bonjour:1.0 existe, mais :"
  printf ' - %s\n' "${problems[@]}"
  echo "Corrigez le Dockerfile, puis reconstruisez : docker build -t bonjour:1.0 ."
  exit 1
fi
echo "L'image bonjour:1.0 est construite : /app/app.py, MESSAGE=Bonjour, port 8000, CMD python app.py, lancée par appuser."
