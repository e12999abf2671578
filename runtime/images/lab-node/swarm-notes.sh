# Sourced by docker-hints.sh for `docker service …` and `docker stack …`: the note a lab node
# prints after a service is published in Swarm's ingress mode (the routing mesh) while the
# kernel has no IPVS, which that mode needs: the port would stay silent, and a student would
# read only `Failed to connect to localhost port 8080` from curl, with nothing to say why.
# The note gives the host-mode alternative, with the student's own port numbers.

# ip_vs, once loaded on the host (or built in), shows /proc/net/ip_vs in every network
# namespace; a node cannot load a module itself. Checked at each command, not at build time:
# on a runtime whose kernel has IPVS, the note goes away by itself.
ipvs_missing() { [ ! -e /proc/net/ip_vs ]; }

# "published target protocol" of a --publish value in ingress mode (-p 8080:80, -p 80/udp,
# --publish published=8080,target=80); nothing when it says mode=host.
ingress_port() {
  local value="$1" published="" target="" protocol=tcp field fields
  if [[ "$value" == *=* ]]; then
    [[ ",$value," != *,mode=host,* ]] || return 0
    IFS=, read -ra fields <<<"$value"
    for field in "${fields[@]}"; do
      case "$field" in
        published=*) published="${field#*=}" ;;
        target=*) target="${field#*=}" ;;
        protocol=*) protocol="${field#*=}" ;;
      esac
    done
  else
    [[ "$value" != */* ]] || protocol="${value##*/}"
    value="${value%/*}"
    target="${value##*:}"
    [[ "$value" != *:* ]] || published="${value%:*}"
    published="${published##*:}"
  fi
  printf '%s %s %s\n' "${published:-$target}" "${target:-80}" "$protocol"
}

# The first port a `docker service create|update` command line publishes in ingress mode:
# "published target protocol create|update".
service_ingress_port() {
  local sub="" arg value found
  while [ "$#" -gt 0 ]; do
    arg="$1"; shift
    value=""
    case "$arg" in
      service) [ -n "$sub" ] || { sub="${1:-}"; shift; continue; } ;;
      -p | --publish | --publish-add) value="${1:-}"; shift ;;
      --publish=* | --publish-add=*) value="${arg#*=}" ;;
      -p?*) value="${arg#-p}" ;;
    esac
    [[ -n "$value" && ( "$sub" == create || "$sub" == update ) ]] || continue
    found="$(ingress_port "$value")"
    if [ -n "$found" ]; then printf '%s %s\n' "$found" "$sub"; return; fi
  done
}

# Whether a `docker service create` joins a network with a virtual IP (the default endpoint
# mode), which IPVS serves too: other containers would reach nothing at the service's name.
service_uses_vip() {
  local sub="" arg network=""
  while [ "$#" -gt 0 ]; do
    arg="$1"; shift
    case "$arg" in
      service) [ -n "$sub" ] || sub="${1:-}" ;;
      --network | --network=*) network=1 ;;
      --endpoint-mode=dnsrr) return 1 ;;
      --endpoint-mode) [ "${1:-}" != dnsrr ] || return 1 ;;
    esac
  done
  [[ "$sub" == create && -n "$network" ]]
}

# The first port the compose files of a `docker stack deploy` publish in ingress mode, read
# roughly (not a YAML parser): items of a `ports:` list; the short syntax ("8080:80") is
# always ingress in a stack, a long one (target:/published:) unless it says `mode: host`.
# Prints "published target protocol file".
stack_ingress_port() {
  local sub="" arg files=()
  while [ "$#" -gt 0 ]; do
    arg="$1"; shift
    case "$arg" in
      stack) [ -n "$sub" ] || { sub="${1:-}"; shift; } ;;
      -c | --compose-file) files+=("${1:-}"); shift ;;
      --compose-file=*) files+=("${arg#*=}") ;;
    esac
  done
  [[ "$sub" == deploy || "$sub" == up ]] || return 0
  for arg in "${files[@]}"; do
    [ -r "$arg" ] || continue
    awk -v file="$arg" '
      function unquote(s) { gsub(/["'\'' ]/, "", s); return s }
      function report(p, t, proto) { print (p == "" ? t : p), (t == "" ? 80 : t), (proto == "" ? "tcp" : proto), file; found = 1; exit }
      # A long-syntax item ends: ingress unless it said mode: host.
      function close_item() { if (long && !host) report(pub, tgt, proto); long = 0; host = 0; pub = tgt = proto = "" }
      {
        line = $0; sub(/[ \t]+#.*$/, "", line); if (line ~ /^[ \t]*(#.*)?$/) next
        match(line, /^ */); indent = RLENGTH
        if (in_ports && (indent > ports_indent || (indent == ports_indent && line ~ /^ *- /))) {
          if (line ~ /^ *- /) {
            close_item(); item = line; sub(/^ *- */, "", item)
            if (item !~ /^[a-z_]+:/) {  # short syntax: [ip:][published:]target[/protocol]
              item = unquote(item); proto = ""
              if (item ~ /\//) { proto = item; sub(/^.*\//, "", proto); sub(/\/.*$/, "", item) }
              n = split(item, part, ":"); report(n > 1 ? part[n - 1] : "", part[n], proto)
            }
            long = 1; line = "  " item
          }
          if (line ~ /^ *target:/) { tgt = line; sub(/^ *target: */, "", tgt); tgt = unquote(tgt) }
          if (line ~ /^ *published:/) { pub = line; sub(/^ *published: */, "", pub); pub = unquote(pub) }
          if (line ~ /^ *protocol:/) { proto = line; sub(/^ *protocol: */, "", proto); proto = unquote(proto) }
          if (line ~ /^ *mode: *["'\'']?host/) host = 1
          next
        }
        if (in_ports) { close_item(); in_ports = 0 }
        if (line ~ /^ *ports: *$/) { in_ports = 1; ports_indent = indent }
        else if (line ~ /^ *ports: *\[/ && line !~ /mode: *host/) report("", "", "")  # flow style
      }
      END { if (!found && in_ports) close_item() }
    ' "$arg" | head -n1
  done | head -n1
}

# The note itself, or nothing: what to print once the command has succeeded.
swarm_note() {
  local published target protocol file sub flag=--publish suffix=""
  ipvs_missing || return 0
  case "$(command_of "$@")" in
    service)
      if ! read -r published target protocol sub < <(service_ingress_port "$@"); then
        service_uses_vip "$@" || return 0
        printf "Remarque de Dockyard : les autres conteneurs joignent un service par son nom grâce à son adresse virtuelle, qui repose sur IPVS, absent du noyau de cette machine : ce nom ne répondra pas. Créez le service avec --endpoint-mode dnsrr : son nom renverra directement les adresses de ses tâches.\n"
        return 0
      fi
      [ "$protocol" = tcp ] || suffix=",protocol=$protocol"
      # An update replaces the port the service already publishes.
      [ "$sub" = create ] || flag="--publish-rm $published --publish-add"
      printf "Remarque de Dockyard : le port %s est publié en mode ingress (routing mesh), qui repose sur IPVS, absent du noyau de cette machine : il ne répondra sur aucun nœud. Publiez-le sur le nœud de chaque tâche :\n  %s published=%s,target=%s,mode=host%s\n(seuls les nœuds où tourne une tâche répondent ; --mode global en met une sur chaque nœud). Les adresses virtuelles des services reposent aussi sur IPVS : pour joindre un service par son nom, créez-le avec --endpoint-mode dnsrr.\n" \
        "$published" "$flag" "$published" "$target" "$suffix"
      ;;
    stack)
      read -r published target protocol file < <(stack_ingress_port "$@") || return 0
      [ "$protocol" = tcp ] || suffix="\n        protocol: $protocol"
      printf "Remarque de Dockyard : %s publie le port %s en mode ingress (routing mesh), qui repose sur IPVS, absent du noyau de cette machine : il ne répondra sur aucun nœud. Écrivez ce port en syntaxe longue, en mode host :\n    ports:\n      - target: %s\n        published: %s\n        mode: host$suffix\n(seuls les nœuds où tourne une tâche répondent ; deploy: mode: global en met une sur chaque nœud). Les adresses virtuelles des services reposent aussi sur IPVS : pour joindre un service par son nom, ajoutez endpoint_mode: dnsrr sous deploy:.\n" \
        "$file" "$published" "$target" "$published"
      ;;
  esac
}
