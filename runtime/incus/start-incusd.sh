#!/usr/bin/env bash
# start-incusd.sh — starts this machine's incusd if it does not answer, and waits until it
# does (no systemd needed). Run by setup-host.sh (one machine) and by
# cluster/add-member.sh (a machine joining the cluster), which both need it first.
#
# INCUS_DIR (Incus's own variable) names another incusd than the machine's main one
# (/var/lib/incus): the members of the test cluster (test/cluster/cluster-rig.sh) are such.
# Then systemd is never asked (its `incus` unit would start the main incusd instead), and
# incusd is started directly with that INCUS_DIR.
# Environment: DOCKYARD_DATA_DIR (logs, default data/), INCUS_DIR.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

LOGS="${DOCKYARD_DATA_DIR:-data}/logs"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31mERREUR :\033[0m %s\n' "$*" >&2; exit 1; }

command -v incus >/dev/null || die "Incus manque : apt-get install -t bookworm-backports incus (./dockyard start le fait)."
incus info >/dev/null 2>&1 && exit 0

[ "$(id -u)" -eq 0 ] || die "Incus ne répond pas : démarrez-le (sudo systemctl start incus) ou relancez en root."
say "Démarrage d'Incus…"
mkdir -p "$LOGS"
main_incusd=true
if [ -n "${INCUS_DIR:-}" ] && [ "$(realpath -m "$INCUS_DIR")" != /var/lib/incus ]; then main_incusd=false; fi
if [ "$main_incusd" = true ] && command -v systemctl >/dev/null && systemctl start incus 2>/dev/null; then :; else
  getent group incus-admin >/dev/null || groupadd --system incus-admin
  nohup /usr/libexec/incus/incusd --group incus-admin >>"$LOGS/incusd.log" 2>&1 &
fi
for _ in $(seq 1 60); do incus info >/dev/null 2>&1 && exit 0; sleep 0.5; done
die "Incus n'a pas démarré en 30 s. Voir $LOGS/incusd.log"
