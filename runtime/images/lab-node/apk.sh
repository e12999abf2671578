#!/bin/bash
# /usr/local/bin/apk in a lab node: tutorials written for Alpine say `apk add …`; this machine
# is Debian, so instead of "command not found" the student reads, in one line, what to type.
# Without the internet apt-get cannot download either: say so, unless the operator turned the
# internet on for lab machines (runtime/egress/node-egress.sh wrote apt's proxy setting).
if [ -e /etc/apt/apt.conf.d/95dockyard-egress ]; then
  echo "Cette machine est une Debian : pas d'apk ici. Utilisez apt-get update puis apt-get install <paquet> (les noms diffèrent parfois d'Alpine)." >&2
else
  echo "Cette machine est une Debian : pas d'apk ici. Son équivalent est apt-get install <paquet>, mais sans Internet rien ne se télécharge : les outils des tutoriels (curl, jq, git, dig, tcpdump, python3…) sont déjà installés." >&2
fi
exit 127
