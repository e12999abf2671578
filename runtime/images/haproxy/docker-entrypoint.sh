#!/bin/sh
# The official image's entry behaviour: options first (`-f cfg`, `-c -f cfg`) go to haproxy;
# haproxy itself runs in master-worker mode (-W: reload with SIGUSR2) in the foreground (-db).
set -e
if [ "${1#-}" != "$1" ]; then
  set -- haproxy "$@"
fi
if [ "$1" = haproxy ]; then
  shift
  set -- haproxy -W -db "$@"
fi
exec "$@"
