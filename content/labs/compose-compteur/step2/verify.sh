#!/usr/bin/env bash
# Passes when both containers of the compteur project run and the page answers on port 8000.
for c in compteur-web-1 compteur-redis-1; do
  state=$(docker inspect -f '{{.State.Status}}' "$c" 2>/dev/null)
  if [ "$state" != "running" ]; then
    echo "Le conteneur $c ne tourne pas (${state:-inexistant}) : lancez docker compose up -d dans ~/compteur."
    exit 1
  fi
done
for _ in 1 2 3 4 5 6 7 8 9 10; do
  page=$(timeout 8 docker run --rm --network host busybox wget -qO- http://127.0.0.1:8000 2>/dev/null)
  if grep -q "fois" <<<"$page"; then
    echo "Les deux conteneurs tournent et l'application répond : $page"
    exit 0
  fi
  sleep 1
done
echo "Les conteneurs tournent, mais rien ne répond correctement sur http://127.0.0.1:8000."
echo "Regardez ce qui se passe avec docker compose logs web."
exit 1
