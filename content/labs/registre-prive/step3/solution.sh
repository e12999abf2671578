#!/usr/bin/env bash
# Les deux étiquettes vers le registre, puis ce qu'en dit son API.
docker push localhost:5000/bonjour:1.0
docker push localhost:5000/bonjour:latest
curl http://localhost:5000/v2/_catalog
curl http://localhost:5000/v2/bonjour/tags/list
