#!/usr/bin/env bash
# Passes when the container db runs PostgreSQL on the named volume pgdata and its table notes
# holds the step's three rows.
if [ "$(docker inspect -f '{{.State.Status}}' db 2>/dev/null)" != "running" ]; then
  echo "Le conteneur db ne tourne pas : lancez-le avec la commande docker run de l'étape."
  exit 1
fi
volume=$(docker inspect -f '{{range .Mounts}}{{if eq .Destination "/var/lib/postgresql/data"}}{{.Type}} {{.Name}}{{end}}{{end}}' db)
if [ "$volume" != "volume pgdata" ]; then
  echo "Les fichiers de db ne sont pas dans le volume pgdata : sans -v, l'instruction VOLUME de l'image"
  echo "les a mis dans un volume anonyme. Supprimez db (docker rm -f db), puis relancez-le avec"
  echo "-v pgdata:/var/lib/postgresql/data."
  exit 1
fi
rows=$(docker exec db psql -U postgres -tAc \
  "SELECT count(*) FROM notes WHERE texte IN ('première note', 'deuxième note', 'à sauvegarder');" 2>/dev/null)
if [ "$rows" != 3 ]; then
  echo "La table notes n'a pas les trois lignes de l'étape. Si la base démarre encore, attendez quelques"
  echo "secondes ; sinon, lancez les commandes psql de l'étape."
  exit 1
fi
echo "La base db, rangée dans le volume pgdata, contient la table notes et ses trois lignes."
