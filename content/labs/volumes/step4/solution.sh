#!/usr/bin/env bash
# Une base PostgreSQL dont les fichiers vivent dans le volume nommé pgdata.
docker run -d --name db -e POSTGRES_PASSWORD=motdepasse \
  -v pgdata:/var/lib/postgresql/data postgres:15
# Le premier démarrage crée la base, puis redémarre le serveur : on attend la fin.
for _ in $(seq 1 60); do
  docker logs db 2>&1 | grep -q 'init process complete' && docker exec db pg_isready -q -U postgres && break
  sleep 1
done
docker exec db psql -U postgres -c "CREATE TABLE notes (texte text);
  INSERT INTO notes VALUES ('première note'), ('deuxième note'), ('à sauvegarder');"
docker exec db psql -U postgres -c "SELECT * FROM notes;"
