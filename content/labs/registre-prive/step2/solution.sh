#!/usr/bin/env bash
# Une petite image, puis deux noms qui désignent le registre privé.
mkdir -p ~/bonjour && cd ~/bonjour
cat > Dockerfile <<'FIN'
FROM alpine
CMD ["echo", "Bonjour depuis mon registre privé !"]
FIN
docker build -t bonjour:1.0 .
docker tag bonjour:1.0 localhost:5000/bonjour:1.0
docker tag bonjour:1.0 localhost:5000/bonjour:latest
docker image ls
