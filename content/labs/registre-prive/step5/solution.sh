#!/usr/bin/env bash
# Un compte dans un fichier htpasswd (bcrypt), produit avec l'outil de l'image httpd.
mkdir -p ~/auth
docker run --rm --entrypoint htpasswd httpd -Bbn alice s3cr3t > ~/auth/htpasswd
# Le même registre, mêmes données (volume), mais qui exige ce compte.
docker rm -f registre
docker run -d --name registre -p 5000:5000 \
  -v registre-data:/var/lib/registry \
  -v ~/auth:/auth:ro \
  -e REGISTRY_AUTH=htpasswd \
  -e REGISTRY_AUTH_HTPASSWD_REALM="Registre du cours" \
  -e REGISTRY_AUTH_HTPASSWD_PATH=/auth/htpasswd \
  registry:2
# Attend que le registre réponde (401 : il est prêt, et il exige un compte).
for _ in $(seq 1 20); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' http://localhost:5000/v2/)" = 401 ] && break
  sleep 1
done
docker tag localhost:5000/bonjour:1.0 localhost:5000/bonjour:prive
docker push localhost:5000/bonjour:prive || echo "Refusé, comme prévu : pas encore identifié."
# Le mot de passe par l'entrée standard : il ne reste pas dans l'historique du shell.
echo s3cr3t | docker login localhost:5000 -u alice --password-stdin
docker push localhost:5000/bonjour:prive
curl -u alice:s3cr3t http://localhost:5000/v2/bonjour/tags/list
