#!/bin/bash
# Entry script of Dockyard's postgres image: on the first start, creates the cluster in
# $PGDATA with the superuser POSTGRES_USER (password POSTGRES_PASSWORD), the database
# POSTGRES_DB, and runs /docker-entrypoint-initdb.d; then starts PostgreSQL.
set -Eeo pipefail
. /usr/local/lib/dockyard/entrypoint-lib.sh

# `docker run postgres -c max_connections=50`: options for the server.
if [ "${1#-}" != "$1" ]; then
  set -- postgres "$@"
fi

require_password() {
  if [ -n "$POSTGRES_PASSWORD" ] || [ "$POSTGRES_HOST_AUTH_METHOD" = trust ]; then return; fi
  dy_fail \
    'Error: Database is uninitialized and superuser password is not specified.' \
    '       Set POSTGRES_PASSWORD to a non-empty value for the superuser, for example' \
    '       "docker run -e POSTGRES_PASSWORD=secret postgres".' \
    '       POSTGRES_HOST_AUTH_METHOD=trust accepts every connection without any password' \
    '       (not recommended: whoever reaches the port gets in).' \
    '' \
    "Erreur : la base n'est pas encore initialisée et aucun mot de passe n'est fourni pour le" \
    '       superutilisateur. Donnez une valeur à POSTGRES_PASSWORD, par exemple' \
    '       « docker run -e POSTGRES_PASSWORD=secret postgres ».'
}

init_cluster() {
  local args=(--username="$POSTGRES_USER")
  # The password goes through stdin, never on a command line.
  if [ -n "$POSTGRES_PASSWORD" ]; then args+=(--pwfile=/dev/stdin); fi
  if [ -n "$POSTGRES_INITDB_WALDIR" ]; then args+=(--waldir="$POSTGRES_INITDB_WALDIR"); fi
  # POSTGRES_INITDB_ARGS may hold quoted words: evaluated as a shell would.
  eval 'initdb "${args[@]}" '"$POSTGRES_INITDB_ARGS"' <<<"$POSTGRES_PASSWORD"'

  local method="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"
  if [ -z "$POSTGRES_PASSWORD" ]; then method=trust; fi
  if [ "$method" = trust ]; then
    dy_log 'WARNING: POSTGRES_HOST_AUTH_METHOD=trust: every connection is accepted without a password.'
  fi
  printf '\n# Dockyard: clients in other containers or through a published port.\nhost all all all %s\n' \
    "$method" >>"$PGDATA/pg_hba.conf"
}

# sql <database> [psql options…]: runs SQL from stdin as the superuser, stopping at the
# first error.
sql() {
  local db="$1"; shift
  psql -v ON_ERROR_STOP=1 --no-psqlrc --no-password --username "$POSTGRES_USER" --dbname "$db" "$@"
}

first_start() {
  dy_log 'Initializing the database cluster in '"$PGDATA"
  init_cluster
  # A server reachable only through its local socket while the scripts run.
  PGUSER="$POSTGRES_USER" pg_ctl -D "$PGDATA" -w -o "-c listen_addresses='' -p ${PGPORT:-5432}" start
  export PGPASSWORD="${PGPASSWORD:-$POSTGRES_PASSWORD}"
  if [ "$POSTGRES_DB" != postgres ]; then
    if [ -z "$(sql postgres -tA --set name="$POSTGRES_DB" <<<"SELECT 1 FROM pg_database WHERE datname = :'name';")" ]; then
      sql postgres --set name="$POSTGRES_DB" <<<'CREATE DATABASE :"name";'
    fi
  fi
  dy_run_init_files /docker-entrypoint-initdb.d sql "$POSTGRES_DB"
  pg_ctl -D "$PGDATA" -m fast -w stop
  unset PGPASSWORD
  dy_log 'PostgreSQL init process complete; ready for start up.'
}

if [ "$1" = postgres ]; then
  dy_env_from_file POSTGRES_PASSWORD
  dy_env_from_file POSTGRES_USER postgres
  dy_env_from_file POSTGRES_DB "$POSTGRES_USER"
  dy_env_from_file POSTGRES_INITDB_ARGS
  : "${POSTGRES_HOST_AUTH_METHOD:=}" "${POSTGRES_INITDB_WALDIR:=}"

  if [ "$(id -u)" = 0 ]; then
    # The data folder (often a fresh volume) and the socket folder belong to postgres.
    mkdir -p "$PGDATA" /var/run/postgresql
    find "$PGDATA" \! -user postgres -exec chown postgres:postgres '{}' +
    chmod 00700 "$PGDATA"
    chown postgres:postgres /var/run/postgresql && chmod 3777 /var/run/postgresql
    if [ -n "$POSTGRES_INITDB_WALDIR" ]; then
      mkdir -p "$POSTGRES_INITDB_WALDIR"
      find "$POSTGRES_INITDB_WALDIR" \! -user postgres -exec chown postgres:postgres '{}' +
    fi
    # Again, as postgres: files created from now on belong to it.
    dy_as_user postgres "${BASH_SOURCE[0]}" "$@"
  fi

  if [ -s "$PGDATA/PG_VERSION" ]; then
    dy_log 'PostgreSQL Database directory appears to contain a database; Skipping initialization'
  else
    require_password
    first_start
  fi
fi

exec "$@"
