# shellcheck shell=bash
# Helpers shared by the entry scripts of Dockyard's catalog images (sourced by bash).
# They reproduce the behaviour students know from the official images (secrets from *_FILE,
# dropping root, /docker-entrypoint-initdb.d), written for Dockyard.

# dy_log <message…>: one line on stderr, prefixed like the official images' entry scripts.
dy_log() { printf '%s [Entrypoint]: %s\n' "$(date '+%F %T')" "$*" >&2; }

# dy_fail <message…>: prints the message and stops the container with an error.
dy_fail() { printf '%s\n' "$@" >&2; exit 1; }

# dy_env_from_file <VAR> [default]: VAR, or the content of the file named by VAR_FILE
# (Docker secrets: -e POSTGRES_PASSWORD_FILE=/run/secrets/db), or the default. Exports VAR.
dy_env_from_file() {
  local var="$1" default="${2:-}" file_var="${1}_FILE" value
  if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
    dy_fail "error: both $var and $file_var are set (but are exclusive)" \
      "erreur : $var et $file_var sont tous deux définis (choisissez l'un ou l'autre)"
  fi
  value="$default"
  if [ -n "${!var:-}" ]; then
    value="${!var}"
  elif [ -n "${!file_var:-}" ]; then
    [ -r "${!file_var}" ] || dy_fail "error: $file_var names a file that cannot be read: ${!file_var}" \
      "erreur : $file_var désigne un fichier illisible : ${!file_var}"
    value="$(<"${!file_var}")"
  fi
  export "$var"="$value"
  unset "$file_var"
}

# dy_first_value <VAR>…: prints the value of the first variable that is set and not empty.
dy_first_value() {
  local var
  for var in "$@"; do
    if [ -n "${!var:-}" ]; then printf '%s' "${!var}"; return; fi
  done
}

# dy_is_true <value>: true for any non-empty value (yes, 1…) except no, false, 0 and off.
dy_is_true() {
  case "${1,,}" in
    '' | no | false | 0 | off) return 1 ;;
    *) return 0 ;;
  esac
}

# dy_as_user <user> <command…>: when root, runs the command as that user (groups and HOME
# included), replacing this process; otherwise runs it as is.
dy_as_user() {
  local user="$1"; shift
  if [ "$(id -u)" = 0 ]; then
    HOME="$(getent passwd "$user" | cut -d: -f6)" exec setpriv --reuid="$user" --regid="$user" --init-groups -- "$@"
  fi
  exec "$@"
}

# dy_run_init_files <directory> <sql-command…>: the official images' initdb.d convention,
# in name order: *.sh executed (or sourced when not executable), *.sql, *.sql.gz, *.sql.xz and
# *.sql.zst piped into the sql command (images with initdb.d support carry xz and zstd);
# anything else ignored.
dy_run_init_files() {
  local dir="$1"; shift
  local file
  [ -d "$dir" ] || return 0
  for file in "$dir"/*; do
    [ -e "$file" ] || continue
    case "$file" in
      *.sh)
        if [ -x "$file" ]; then
          dy_log "running $file"
          "$file"
        else
          dy_log "sourcing $file"
          # shellcheck disable=SC1090
          . "$file"
        fi
        ;;
      *.sql) dy_log "running $file"; "$@" <"$file" ;;
      *.sql.gz) dy_log "running $file"; gunzip -c "$file" | "$@" ;;
      *.sql.xz) dy_log "running $file"; xz -dc "$file" | "$@" ;;
      *.sql.zst) dy_log "running $file"; zstd -dc "$file" | "$@" ;;
      *) dy_log "ignoring $file" ;;
    esac
  done
}
