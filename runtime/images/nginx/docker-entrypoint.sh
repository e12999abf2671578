#!/bin/sh
# Entry script of Dockyard's nginx image (POSIX sh: it also runs on the busybox-based alpine).
# Like the official image: when the command is nginx, run the executable *.sh scripts of
# /docker-entrypoint.d in name order (e.g. templates → conf.d), then start nginx.
set -e

note() {
  if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then echo "$0: $*"; fi
}

if [ "$1" = nginx ] || [ "$1" = nginx-debug ]; then
  if [ -n "$(find /docker-entrypoint.d -mindepth 1 -maxdepth 1 2>/dev/null | head -n 1)" ]; then
    note "/docker-entrypoint.d/ is not empty, will attempt to perform configuration"
    note "Looking for shell scripts in /docker-entrypoint.d/"
    for script in $(find /docker-entrypoint.d -mindepth 1 -maxdepth 1 -type f -name '*.sh' | sort); do
      if [ -x "$script" ]; then
        note "Launching $script"
        "$script"
      else
        note "Ignoring $script, not executable"
      fi
    done
    note "Configuration complete; ready for start up"
  else
    note "No files found in /docker-entrypoint.d/, skipping configuration"
  fi
fi

exec "$@"
