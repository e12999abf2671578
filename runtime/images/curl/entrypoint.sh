#!/bin/sh
# As the official curlimages/curl: an option or anything that is not a command goes to curl
# (`docker run curlimages/curl -sI http://web`, `… http://web`); a command runs as is.
set -e
if [ "${1#-}" != "$1" ] || [ -z "$(command -v "$1")" ]; then
  set -- curl "$@"
fi
exec "$@"
