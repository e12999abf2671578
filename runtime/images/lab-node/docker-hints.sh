#!/bin/bash
# /usr/local/bin/docker in a lab node (before /usr/bin in the PATH): runs the real client,
# and turns the error of a pull that missed Dockyard's offline catalog into one French line.
#
# Why: the inner engine asks the catalog's mirror first, then falls back to Docker Hub,
# which no node can reach; the error students read is about the fallback only
# (`Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io…`), the
# engine shows nothing of the mirror's answer. So the client's stderr of the commands that
# pull goes through a filter; stdin and stdout are never touched (TTYs of `run -it` and
# `exec -it` stay the terminal), the exit code is the client's, lines are passed on at once.
#
# The catalog's address: DOCKYARD_CATALOG_URL, else the first line of
# /etc/dockyard/catalog-url (written into the node by Dockyard), else the page's path.
#
# It also adds a note after a swarm service published in ingress mode when the kernel has
# no IPVS (swarm-notes.sh).
set -uo pipefail

real=/usr/bin/docker

# The docker command (first word that is not a global option), e.g. pull, compose.
command_of() {
  while [ "$#" -gt 0 ]; do
    case "$1" in
      -H | --host | -c | --context | --config | -l | --log-level | --tlscacert | --tlscert | --tlskey) shift 2 ;;
      -*) shift ;;
      *) printf '%s' "$1"; return ;;
    esac
  done
}

# The image a `docker pull` names (its first argument that is not an option).
pulled_image() {
  local seen=""
  while [ "$#" -gt 0 ]; do
    case "$1" in
      pull) seen=1 ;;
      --platform) shift ;;
      -*) ;;
      *) if [ -n "$seen" ]; then printf '%s' "$1"; return; fi ;;
    esac
    shift
  done
}

catalog_url() {
  local url="${DOCKYARD_CATALOG_URL:-}"
  [ -n "$url" ] || { [ -r /etc/dockyard/catalog-url ] && read -r url </etc/dockyard/catalog-url; }
  printf '%s' "${url:-la page « Images » de Dockyard (/images)}"
}

# docker.io/library/nginx:1.0 → nginx:1.0; docker.io/curlimages/curl → curlimages/curl:latest.
short_name() {
  local ref="${1#docker.io/}"
  ref="${ref#library/}"
  [[ "${ref##*/}" == *[:@]* ]] || ref="$ref:latest"
  printf '%s' "$ref"
}

# missing <what>: the line that replaces Docker Hub's error; <what> is « L'image nginx:9 »,
# « L'image du service web » or « Cette image ». With the internet on (runtime/egress/
# node-egress.sh was run here), Docker Hub was asked too: the image exists nowhere.
missing() {
  if [ -e /etc/profile.d/dockyard-egress.sh ]; then
    printf "%s est introuvable : ni le catalogue de Dockyard ni Docker Hub ne l'ont (vérifiez le nom et l'étiquette). Catalogue : %s\n" "$1" "$url"
  else
    printf "%s n'est pas dans le catalogue hors ligne de Dockyard (pas d'Internet ici). Images disponibles : %s\n" "$1" "$url"
  fi
}

# stderr filter: a line about the Docker Hub fallback becomes the French line, once per image;
# every other line passes as it came. A partial line (a prompt) passes after 0.2 s of silence.
hints() {
  local hint="$1" url line rest what shown=" "
  url="$(catalog_url)"
  # Ctrl-C reaches the whole job: the filter stays until the client has said its last word
  # (`docker compose up` stops its containers and reports on stderr after a Ctrl-C).
  trap '' INT QUIT
  while :; do
    line=""
    IFS= read -r -t 0.2 line; rest=$?
    if [ "$rest" -gt 128 ]; then printf '%s' "$line"; continue; fi
    if [ "$rest" -ne 0 ] && [ -z "$line" ]; then break; fi
    # What is being pulled, from the lines before the error.
    case "$line" in
      "Unable to find image '"*"' locally") hint="${line#Unable to find image \'}"; hint="${hint%\' locally}" ;;
      *"load metadata for "*) hint="${line##*load metadata for }"; hint="${hint%:}" ;;  # BuildKit
      "Pulling "*" ("*")...") hint="${line##*\(}"; hint="${hint%)...}" ;;  # docker-compose 1.x
    esac
    case "$line" in
      *registry-1.docker.io* | *index.docker.io* | *auth.docker.io* | *"pull access denied for "*)
        what=""
        if [[ "$line" =~ (source\ metadata\ for|pull\ access\ denied\ for)\ ([^\ ,:]+(:[^\ ,:]+)?) ]]; then
          what="L'image $(short_name "${BASH_REMATCH[2]}")"
        elif [[ "$line" =~ ^[[:space:]]*(✘[[:space:]]+)?([^[:space:]:]+)[[:space:]]+Error[[:space:]] ]]; then
          # docker compose: the first service that failed; its pull cancels the others', which
          # then report the same error whatever their image (they are not named, to not mislead).
          [[ "$shown" != *" L'image du service "* ]] || continue
          what="L'image du service ${BASH_REMATCH[2]}"
        elif [ -n "$hint" ]; then
          what="L'image $(short_name "$hint")"
        fi
        # Once per image; the closing generic error of a command that named one says no more.
        if [ -z "$what" ]; then [ "$shown" = " " ] || continue; what="Cette image"; fi
        [[ "$shown" != *" $what "* ]] || continue
        shown+="$what "
        missing "$what"
        ;;
      *) printf '%s\n' "$line" ;;
    esac
    [ "$rest" -eq 0 ] || break
  done
}

# A swarm service published in ingress mode on a kernel without IPVS (swarm-notes.sh): the
# client runs as usual, then the note follows its last line, if the command succeeded.
case "$(command_of "$@")" in
  service | stack)
    # shellcheck source=swarm-notes.sh
    . /usr/local/lib/dockyard/swarm-notes.sh
    note="$(swarm_note "$@")"
    [ -n "$note" ] || exec "$real" "$@"
    "$real" "$@"
    status=$?
    [ "$status" -ne 0 ] || printf '%s\n' "$note" >&2
    exit "$status"
    ;;
esac

case "$(command_of "$@")" in
  pull | run | create | build | buildx | builder | compose | image | container) ;;
  *) exec "$real" "$@" ;;
esac

exec {filtered}> >(hints "$(pulled_image "$@")" >&2)
filter=$!
"$real" "$@" 2>&"$filtered" {filtered}>&-
status=$?
# The filter's last lines come before the shell's next prompt.
exec {filtered}>&-
wait "$filter"
exit "$status"
