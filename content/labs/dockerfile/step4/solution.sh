#!/usr/bin/env bash
# COPY . . copie tout le contexte : .dockerignore en exclut les secrets et les journaux.
cd /root/bonjour
sed -i 's/^COPY app.py .$/COPY . ./' Dockerfile
printf '*.env\n*.log\nDockerfile\n.dockerignore\n' > .dockerignore
docker build -t bonjour:1.1 .
# Sans changement, la reconstruction vient entièrement du cache.
time docker build -t bonjour:1.1 .
docker run --rm bonjour:1.1 ls -a /app
