#!/bin/bash
# node-egress.sh <gateway> <proxy port> <sandbox pool> [session names, comma-separated]: run as root inside a lab node when the
# internet is on (runtime/incus/node-egress.ts sends it on standard input), before the node
# joins its session, so that the student's first shell already has what it needs. Tools then
# go out through the host's egress proxy (runtime/egress/egress-up.sh), which lets through only
# the allowlisted host names; nothing is changed when the internet is off (it is not run).
# Docker Hub images need nothing here: the node's mirror port already leads to the cache.
# Other registries' caches (ghcr.io…) need their names and the engine's settings, below.
set -euo pipefail
gateway="$1" port="$2" pool="$3" names="${4:-}"
proxy="http://dockyard-egress:$port"

# Registries other than Docker Hub that have a cache on the host (ghcr.io, quay.io…: the front
# lists them, runtime/egress/egress-up.sh). Their names lead to the gateway, whose port 80 the
# host firewall sends to the front; the engine reaches them in plain HTTP (insecure-registries
# below), so no certificate of theirs is needed. None when the front does not answer: their
# pulls then go through the proxy, if the allowlist names them.
registries="$(curl -sf -m 5 --noproxy '*' "http://$gateway/dockyard-registries" | grep -E '^[a-z0-9.-]+$' | paste -sd' ' -)" || registries=""

# The proxy's name and the registries', on a line of its own marker: session-hosts.ts rewrites
# only "# dockyard" lines.
{ grep -v ' # dockyard-egress$' /etc/hosts || true; printf '%s\tdockyard-egress %s # dockyard-egress\n' "$gateway" "$registries"; } >/etc/hosts.new
cat /etc/hosts.new >/etc/hosts && rm -f /etc/hosts.new

# Login shells (the student's, `bash -l`) and whatever they start: curl, wget, git, pip, npm…
# no_proxy names the session's nodes, which join after this shell may have started: it is
# read again from /etc/hosts at each prompt (every name of theirs: node2, node01, host02…), so
# `curl http://node2` never goes to the proxy.
cat >/etc/profile.d/dockyard-egress.sh <<PROFILE
# Written by Dockyard (runtime/egress/node-egress.sh): the internet, through the egress proxy.
export http_proxy=$proxy https_proxy=$proxy HTTP_PROXY=$proxy HTTPS_PROXY=$proxy
dockyard_no_proxy() {
  no_proxy="localhost,127.0.0.1,::1,$gateway,dockyard-registry,dockyard-egress,$pool\$(awk '/ # dockyard\$/ { for (i = 2; i <= NF - 2; i++) printf ",%s", \$i }' /etc/hosts 2>/dev/null)"
  NO_PROXY="\$no_proxy"
  export no_proxy NO_PROXY
}
dockyard_no_proxy
case ";\${PROMPT_COMMAND:-};" in
  *";dockyard_no_proxy;"*) ;;
  *) PROMPT_COMMAND="dockyard_no_proxy\${PROMPT_COMMAND:+;\$PROMPT_COMMAND}" ;;
esac
PROFILE

# Tools that only ever talk to package indexes read their own files, in any shell or script
# (the lab's background scripts run in a plain `bash -s`).
cat >/etc/apt/apt.conf.d/95dockyard-egress <<APT
// Written by Dockyard: apt goes out through the egress proxy.
Acquire::http::Proxy "$proxy";
Acquire::https::Proxy "$proxy";
APT
printf '# Written by Dockyard: pip goes out through the egress proxy.\n[global]\nproxy = %s\n' "$proxy" >/etc/pip.conf
printf '# Written by Dockyard: npm goes out through the egress proxy.\nproxy=%s\nhttps-proxy=%s\n' "$proxy" "$proxy" >/etc/npmrc

# The node's Docker engine: the registries that have a cache, in plain HTTP to the front; the
# others (when the allowlist names them) through the proxy; Docker Hub's images keep coming
# through the mirror port, from the catalog or the cache. The engine reads `proxies` only when
# it starts and matches `no-proxy` name by name, so the list names every node of the session
# (the server knows them all before they join): a registry a student runs on node1:5000 stays
# direct.
daemon=/etc/docker/daemon.json
cached="${registries// /,}"
engine_no_proxy="localhost,127.0.0.1,::1,$gateway,dockyard-registry,dockyard-egress,$pool${names:+,$names}${cached:+,$cached}"
if [ -f "$daemon" ] && jq --arg proxy "$proxy" --arg no "$engine_no_proxy" --arg cached "$cached" \
    '.proxies = {"http-proxy": $proxy, "https-proxy": $proxy, "no-proxy": $no}
     | ."insecure-registries" = ((."insecure-registries" // []) + ($cached | split(",") | map(select(. != ""))) | unique)' \
    "$daemon" >"$daemon.new"; then
  mv "$daemon.new" "$daemon"
  service docker restart >/dev/null
else
  rm -f "$daemon.new"
  echo "node-egress : $daemon illisible, le moteur Docker du nœud reste sans proxy" >&2
  exit 1
fi
