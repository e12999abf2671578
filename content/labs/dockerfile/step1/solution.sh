#!/usr/bin/env bash
# Écrit le Dockerfile à côté d'app.py, puis construit l'image depuis ce dossier (le contexte).
cd /root/bonjour
cat > Dockerfile <<'EOF'
FROM python:3.11-slim
LABEL org.opencontainers.image.title="bonjour" \
      org.opencontainers.image.authors="equipe@example.org"
ENV MESSAGE=Bonjour \
    PYTHONUNBUFFERED=1
WORKDIR /app
RUN useradd --system --no-create-home appuser
COPY app.py .
RUN python -m py_compile app.py
USER appuser
EXPOSE 8000
CMD ["python", "app.py"]
EOF
docker build -t bonjour:1.0 .
docker history bonjour:1.0
