#!/usr/bin/env bash
# ENTRYPOINT fixe l'exécutable, CMD donne ses arguments par défaut.
mkdir -p /root/salut && cd /root/salut
cat > Dockerfile <<'EOF'
FROM alpine
ENTRYPOINT ["echo", "Bonjour"]
CMD ["tout le monde"]
EOF
docker build -t salut .
docker run --rm salut            # Bonjour tout le monde
docker run --rm salut Dockyard   # Bonjour Dockyard
