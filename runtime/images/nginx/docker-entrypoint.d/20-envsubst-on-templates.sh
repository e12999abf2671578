#!/bin/sh
# Turns /etc/nginx/templates/**/*.template into /etc/nginx/conf.d/** with the container's
# environment variables substituted (only variables that are defined, so nginx's own
# $host, $uri… stay), as the official image does. Example:
#   -v ./site.conf.template:/etc/nginx/templates/default.conf.template -e NGINX_PORT=8080
set -e

template_dir="${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
suffix="${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}"
output_dir="${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"

[ -d "$template_dir" ] || exit 0
defined="$(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/${\1}/p' | tr '\n' ' ')"

find "$template_dir" -follow -type f -name "*$suffix" | while read -r template; do
  relative="${template#"$template_dir"/}"
  output="$output_dir/${relative%"$suffix"}"
  if ! mkdir -p "$(dirname "$output")" 2>/dev/null || ! touch "$output" 2>/dev/null; then
    echo "$0: ERROR: $output cannot be written (read-only ${output_dir}?)" >&2
    exit 1
  fi
  echo "$0: Running envsubst on $template to $output"
  envsubst "$defined" <"$template" >"$output"
done
