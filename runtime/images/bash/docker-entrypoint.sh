#!/bin/bash
# No arguments, or options only (-c '…', --version), or a script file that is not a
# command: hand them to bash. Anything else is a command to run as is.
set -e
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
  set -- bash "$@"
elif [ -f "$1" ] && ! command -v "$1" >/dev/null 2>&1; then
  set -- bash "$@"
fi
exec "$@"
