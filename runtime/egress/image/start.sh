#!/bin/bash
# dockyard-egress-start front|proxy: fills in the role's config from the environment that
# egress-up.sh gives the container, then runs nginx (front) or squid (proxy) in the foreground.
# front: PORT, POOL, CATALOG, CACHE (host:port each); REGISTRIES_PORT, REGISTRIES (other
#        registries' caches, "name=host:port" comma-separated, possibly none).
# proxy: PORT, POOL, FORBIDDEN (addresses, space-separated), ALLOW (host names, comma- or
#        space-separated; ".example.org" takes its subdomains too).
set -euo pipefail
fill() { sed -e "s|@PORT@|$PORT|g" -e "s|@POOL@|$POOL|g" -e "s|@CATALOG@|${CATALOG:-}|g" \
  -e "s|@CACHE@|${CACHE:-}|g" -e "s|@REGISTRIES_PORT@|${REGISTRIES_PORT:-}|g" -e "s|@FORBIDDEN@|${FORBIDDEN:-}|g" "$1"; }
case "${1:-}" in
  front)
    fill /etc/nginx/dockyard-front.conf.in >/etc/nginx/dockyard-front.conf
    tr ',' '\n' <<<"${REGISTRIES:-}" | awk -F= 'NF == 2 { printf "%s %s;\n", $1, $2 }' >/etc/nginx/dockyard-registries.map
    # Their names, for the nodes (node-egress.sh asks for them as they join).
    awk '{ print $1 }' /etc/nginx/dockyard-registries.map >/etc/nginx/dockyard-registries.txt
    exec nginx -c /etc/nginx/dockyard-front.conf -g 'daemon off;'
    ;;
  proxy)
    fill /etc/squid/dockyard.conf.in >/etc/squid/dockyard.conf
    tr ', ' '\n\n' <<<"$ALLOW" | sed '/^$/d' | sort -u >/etc/squid/dockyard-allow.txt
    mkdir -p /run/squid /var/log/dockyard-egress
    chown proxy:proxy /run/squid /var/log/dockyard-egress
    touch /var/log/dockyard-egress/access.log && chown proxy:proxy /var/log/dockyard-egress/access.log
    squid -k parse -f /etc/squid/dockyard.conf 2>&1 | grep -E 'ERROR|FATAL' >&2 && exit 1
    exec squid -N -f /etc/squid/dockyard.conf
    ;;
  *) echo "usage : dockyard-egress-start front|proxy" >&2; exit 2 ;;
esac
