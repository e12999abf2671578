#!/bin/bash
# `docker run node app.js` or `docker run node -e '…'`: for node. `docker run node npm test`:
# a command, run as is.
set -e
if [ "${1#-}" != "$1" ] || ! command -v "$1" >/dev/null 2>&1 || { [ -f "$1" ] && [ ! -x "$1" ]; }; then
  set -- node "$@"
fi
exec "$@"
