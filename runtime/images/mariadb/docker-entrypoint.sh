#!/bin/bash
# Entry script of Dockyard's mariadb and mysql images: on the first start, creates the
# system tables in the data folder, sets the root password, creates MARIADB_DATABASE and
# MARIADB_USER (or their MYSQL_* names), runs /docker-entrypoint-initdb.d; then starts.
set -Eeo pipefail
. /usr/local/lib/dockyard/entrypoint-lib.sh

# `docker run mariadb --character-set-server=utf8mb4`: options for the server.
if [ "${1#-}" != "$1" ]; then
  set -- mariadbd "$@"
fi

socket=/run/mysqld/mysqld.sock

# sql_string <text>: the text as a quoted SQL string; sql_name <text>: as a quoted name.
sql_string() { local s="${1//\\/\\\\}"; printf "'%s'" "${s//\'/\\\'}"; }
# shellcheck disable=SC2016 # backquotes quote SQL names, not commands
sql_name() { printf '`%s`' "${1//\`/\`\`}"; }

read_settings() {
  local var
  for var in ROOT_PASSWORD ROOT_HOST DATABASE USER PASSWORD ALLOW_EMPTY_ROOT_PASSWORD RANDOM_ROOT_PASSWORD; do
    dy_env_from_file "MARIADB_$var"
    dy_env_from_file "MYSQL_$var"
  done
  root_password="$(dy_first_value MARIADB_ROOT_PASSWORD MYSQL_ROOT_PASSWORD)"
  root_host="$(dy_first_value MARIADB_ROOT_HOST MYSQL_ROOT_HOST)"
  root_host="${root_host:-%}"
  database="$(dy_first_value MARIADB_DATABASE MYSQL_DATABASE)"
  user="$(dy_first_value MARIADB_USER MYSQL_USER)"
  password="$(dy_first_value MARIADB_PASSWORD MYSQL_PASSWORD)"
  allow_empty="$(dy_first_value MARIADB_ALLOW_EMPTY_ROOT_PASSWORD MYSQL_ALLOW_EMPTY_PASSWORD)"
  random_root="$(dy_first_value MARIADB_RANDOM_ROOT_PASSWORD MYSQL_RANDOM_ROOT_PASSWORD)"
  # Scripts of /docker-entrypoint-initdb.d may use either name.
  export MARIADB_ROOT_PASSWORD="$root_password" MYSQL_ROOT_PASSWORD="$root_password"
  export MARIADB_DATABASE="$database" MYSQL_DATABASE="$database"
  export MARIADB_USER="$user" MYSQL_USER="$user" MARIADB_PASSWORD="$password" MYSQL_PASSWORD="$password"
}

check_settings() {
  if [ -z "$root_password" ] && ! dy_is_true "$allow_empty" && ! dy_is_true "$random_root"; then
    dy_fail \
      'error: Database is uninitialized and password option is not specified' \
      '	You need to specify one of MARIADB_ROOT_PASSWORD (or MYSQL_ROOT_PASSWORD),' \
      '	MARIADB_ALLOW_EMPTY_ROOT_PASSWORD (or MYSQL_ALLOW_EMPTY_PASSWORD) and' \
      '	MARIADB_RANDOM_ROOT_PASSWORD (or MYSQL_RANDOM_ROOT_PASSWORD),' \
      '	for example "docker run -e MYSQL_ROOT_PASSWORD=secret mysql".' \
      "erreur : la base n'est pas encore initialisée et aucun mot de passe root n'est indiqué." \
      '	Donnez par exemple MYSQL_ROOT_PASSWORD (ou MARIADB_ROOT_PASSWORD) :' \
      '	« docker run -e MYSQL_ROOT_PASSWORD=secret mysql ».'
  fi
  if [ "$user" = root ]; then
    dy_fail 'error: MYSQL_USER/MARIADB_USER="root" is not allowed: they create a regular user; root is set with MYSQL_ROOT_PASSWORD.' \
      "erreur : MYSQL_USER/MARIADB_USER ne peut pas valoir « root » : ces variables créent un utilisateur ordinaire."
  fi
  if [ -n "$user" ] && [ -z "$password" ]; then
    dy_log "Warning: MYSQL_USER/MARIADB_USER is set without MYSQL_PASSWORD/MARIADB_PASSWORD: user $user is not created"
    user=""
  fi
}

# The client as root through the socket; once root has a password, it comes from an
# anonymous file descriptor, never from the command line.
client() {
  local escaped="${root_password_now//\\/\\\\}"
  mariadb --defaults-extra-file=<(printf '[client]\npassword="%s"\n' "${escaped//\"/\\\"}") \
    --protocol=socket --socket="$socket" --user=root "$@"
}

setup_sql() {
  local pw; pw="$(sql_string "$root_password")"
  cat <<SQL
SET @@SESSION.SQL_LOG_BIN = 0;
SET @@SESSION.SQL_MODE = REPLACE(@@SESSION.SQL_MODE, 'NO_BACKSLASH_ESCAPES', '');
DROP USER IF EXISTS 'root'@'127.0.0.1', 'root'@'::1', ''@'localhost';
EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS \'\'@\'', @@hostname, '\', \'root\'@\'', @@hostname, '\'');
ALTER USER 'root'@'localhost' IDENTIFIED BY $pw;
SQL
  if [ "$root_host" != localhost ]; then
    local host; host="$(sql_string "$root_host")"
    printf "CREATE USER IF NOT EXISTS 'root'@%s IDENTIFIED BY %s;\n" "$host" "$pw"
    printf "GRANT ALL ON *.* TO 'root'@%s WITH GRANT OPTION;\n" "$host"
  fi
  if [ -n "$database" ]; then
    printf 'CREATE DATABASE IF NOT EXISTS %s;\n' "$(sql_name "$database")"
  fi
  if [ -n "$user" ]; then
    printf "CREATE USER IF NOT EXISTS %s@'%%' IDENTIFIED BY %s;\n" "$(sql_string "$user")" "$(sql_string "$password")"
    if [ -n "$database" ]; then
      printf "GRANT ALL ON %s.* TO %s@'%%';\n" "$(sql_name "$database")" "$(sql_string "$user")"
    fi
  fi
}

first_start() {
  local datadir="$1"; shift
  if [ -z "$root_password" ] && dy_is_true "$random_root"; then
    root_password="$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32)"
    dy_log "GENERATED ROOT PASSWORD: $root_password"
  fi
  dy_log "Initializing database files in $datadir"
  mariadb-install-db --datadir="$datadir" --rpm --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve >/dev/null
  dy_log 'Starting a temporary server (socket only)'
  "$@" --skip-networking --socket="$socket" --wsrep_on=OFF --skip-log-bin \
    --loose-innodb_buffer_pool_load_at_startup=0 &
  local pid=$! tries
  root_password_now=""
  for tries in $(seq 1 300); do
    if client --database=mysql -e 'SELECT 1' >/dev/null 2>&1; then break; fi
    if ! kill -0 "$pid" 2>/dev/null || [ "$tries" = 300 ]; then dy_fail 'error: the temporary server did not start'; fi
    sleep 0.1
  done
  setup_sql | client --database=mysql
  root_password_now="$root_password"
  local run=(client)
  if [ -n "$database" ]; then run+=(--database="$database"); fi
  dy_run_init_files /docker-entrypoint-initdb.d "${run[@]}"
  dy_log 'Stopping the temporary server'
  kill "$pid"
  wait "$pid"
  dy_log 'MariaDB init process done. Ready for start up.'
}

if [ "$1" = mariadbd ] || [ "$1" = mysqld ]; then
  for arg; do
    case "$arg" in -'?' | --help | --print-defaults | -V | --version) exec "$@" ;; esac
  done
  datadir="$("$@" --verbose --help 2>/dev/null | awk '$1 == "datadir" { print $2; exit }')"
  datadir="${datadir:-/var/lib/mysql/}"
  datadir="${datadir%/}"

  if [ "$(id -u)" = 0 ]; then
    # The data folder (often a fresh volume) and the socket folder belong to mysql.
    mkdir -p "$datadir" /run/mysqld
    find "$datadir" /run/mysqld \! -user mysql -exec chown mysql:mysql '{}' +
    dy_as_user mysql "${BASH_SOURCE[0]}" "$@"
  fi

  if [ -d "$datadir/mysql" ]; then
    dy_log 'MariaDB database directory appears to contain a database; skipping initialization'
  else
    read_settings
    check_settings
    first_start "$datadir" "$@"
  fi
fi

exec "$@"
