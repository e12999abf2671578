#!/bin/bash
# Entry script of Dockyard's redis image, behaving like the official one.
set -e
. /usr/local/lib/dockyard/entrypoint-lib.sh

# `docker run redis --appendonly yes` or `docker run redis /etc/my-redis.conf`: arguments for
# redis-server.
if [ "${1#-}" != "$1" ] || [[ "$1" == *.conf ]]; then
  set -- redis-server "$@"
fi

if [ "$1" = redis-server ]; then
  # Protected mode only accepts local clients when no password is set: useless behind
  # Docker's port publishing, so it is off by default as in the official image, unless the
  # command line or the configuration file says otherwise.
  config=""
  if [[ "${2:-}" == *.conf ]]; then config="$2"; fi
  if [[ " $* " != *" --protected-mode "* ]] \
     && ! { [ -n "$config" ] && grep -qiE '^[[:space:]]*protected-mode[[:space:]]' "$config" 2>/dev/null; }; then
    set -- "$@" --protected-mode no
  fi
  # Files created by redis are for redis alone, unless the user chose another umask.
  if [ "$(umask)" = 0022 ]; then umask 0077; fi
  if [ "$(id -u)" = 0 ]; then
    # A volume or a bind mount may belong to root: give redis what it writes to.
    find . \! -user redis -exec chown redis '{}' +
    dy_as_user redis "$@"
  fi
fi

exec "$@"
