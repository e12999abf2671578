#!/usr/bin/env bash
# Passes when both containers of datasci run, the notebook has its volume and tmpfs, and
# the base accepts connections on the project's network.
for c in datasci-notebook-1 datasci-base-1; do
  state=$(docker inspect -f '{{.State.Status}}' "$c" 2>/dev/null)
  if [ "$state" != "running" ]; then
    echo "Le conteneur $c ne tourne pas (${state:-inexistant}) : lancez docker compose up -d dans ~/datasci."
    exit 1
  fi
done
volume=$(docker inspect -f '{{range .Mounts}}{{if eq .Destination "/travail"}}{{.Type}} {{.Name}}{{end}}{{end}}' datasci-notebook-1)
if [ "$volume" != "volume datasci_travail" ]; then
  echo "Le notebook doit monter le volume travail sur /travail (trouvé : ${volume:-rien}) : vérifiez compose.yaml."
  exit 1
fi
if ! docker inspect -f '{{json .HostConfig.Tmpfs}}' datasci-notebook-1 | grep -q '"/tmp"'; then
  echo "Le notebook doit avoir un tmpfs sur /tmp (tmpfs: - /tmp) : corrigez compose.yaml et relancez docker compose up -d."
  exit 1
fi
for _ in $(seq 1 15); do
  if docker exec datasci-notebook-1 python -c "import socket; socket.create_connection(('base', 5432), 2)" 2>/dev/null; then
    echo "La pile datasci tourne : le notebook, avec son volume et son tmpfs, et la base, joignable sur base:5432."
    exit 0
  fi
  sleep 1
done
echo "Les conteneurs tournent, mais la base n'accepte pas encore de connexions : PostgreSQL prépare"
echo "peut-être encore sa base (docker compose logs base). Réessayez dans quelques secondes."
exit 1
