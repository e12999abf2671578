#!/usr/bin/env bash
# Python génère le site dans une première étape ; l'image finale ne garde que nginx et la page.
cd /root/site
cat > Dockerfile <<'EOF'
# Étape 1 : générer le site avec Python
FROM python:3.11-slim AS construction
WORKDIR /src
COPY genere.py .
RUN python genere.py

# Étape 2 : le servir avec nginx, sans Python
FROM nginx:alpine
COPY --from=construction /src/public/ /usr/share/nginx/html/
EOF
docker build -t site:1.0 .
docker run -d --name site -p 8080:80 site:1.0
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  curl -s http://localhost:8080 && break
  sleep 0.5
done
