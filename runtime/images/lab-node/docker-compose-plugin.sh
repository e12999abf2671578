#!/bin/sh
# `docker compose …` (Compose v2's command) for Debian's docker-compose 1.29, which reads the
# same files and takes the same sub-commands for what the course uses (up -d, ps, logs,
# down -v, build…). Differences students may notice: containers are named project_service_1
# rather than project-service-1. See docs/images.md.
if [ "${1:-}" = docker-cli-plugin-metadata ]; then
  echo '{"SchemaVersion":"0.1.0","Vendor":"Dockyard","Version":"1.29.2","ShortDescription":"Docker Compose (docker-compose 1.29 de Debian)"}'
  exit 0
fi
shift # the plugin's own name, "compose"
exec /usr/bin/docker-compose "$@"
