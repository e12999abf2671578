#!/usr/bin/env bash
# Passes when ~/sauvegardes/pgdata.tar.gz holds a PostgreSQL data folder, the volume pgdata was
# created again after that archive (so the old one was destroyed), and the database running on
# it gives back the three rows of step 4.
archive=/root/sauvegardes/pgdata.tar.gz
if [ ! -f "$archive" ]; then
  echo "Aucune archive ~/sauvegardes/pgdata.tar.gz : arrêtez db, puis sauvegardez le volume pgdata avec la commande tar de l'étape."
  exit 1
fi
if ! tar tzf "$archive" 2>/dev/null | grep -qE '^(\./)?PG_VERSION$'; then
  echo "L'archive ~/sauvegardes/pgdata.tar.gz ne contient pas la base (pas de PG_VERSION) : archivez le contenu"
  echo "du volume monté sur /source avec tar czf /backup/pgdata.tar.gz -C /source ."
  exit 1
fi
# When the volume was made: its folder's parent (…/volumes/pgdata) changes only then. The
# CreatedAt of docker volume inspect is no proof: it is the data folder's last change.
mountpoint=$(docker volume inspect -f '{{.Mountpoint}}' pgdata 2>/dev/null)
if [ -z "$mountpoint" ] || [ "$(stat -c %Y "$(dirname "$mountpoint")")" -lt "$(stat -c %Y "$archive")" ]; then
  echo "L'archive est prête, mais le volume pgdata est toujours l'ancien. Supprimez db et pgdata"
  echo "(docker rm db, docker volume rm pgdata), puis restaurez l'archive dans un nouveau volume pgdata."
  exit 1
fi
if [ "$(docker inspect -f '{{.State.Status}}' db 2>/dev/null)" != "running" ]; then
  echo "Le volume pgdata est neuf. Extrayez-y l'archive, puis relancez la base db qui le monte (commandes de l'étape)."
  exit 1
fi
if [ "$(docker inspect -f '{{range .Mounts}}{{if eq .Destination "/var/lib/postgresql/data"}}{{.Name}}{{end}}{{end}}' db)" != pgdata ]; then
  echo "Le conteneur db ne monte pas le volume pgdata : supprimez-le (docker rm -f db) et relancez-le avec -v pgdata:/var/lib/postgresql/data."
  exit 1
fi
rows=""
for _ in 1 2 3 4 5; do
  rows=$(docker exec db psql -U postgres -tAc \
    "SELECT count(*) FROM notes WHERE texte IN ('première note', 'deuxième note', 'à sauvegarder');" 2>/dev/null)
  [ -n "$rows" ] && break
  sleep 1
done
if [ "$rows" != 3 ]; then
  echo "La base db répond, mais sans les trois lignes de la table notes : le volume pgdata a-t-il été"
  echo "rempli avec tar xzf avant le démarrage de db ? Sinon, supprimez db et pgdata, et refaites la restauration."
  exit 1
fi
echo "La base, détruite puis restaurée depuis ~/sauvegardes/pgdata.tar.gz, a retrouvé ses trois lignes."
