#!/usr/bin/env bash
# Passes when the notebook restarted after /travail/analyse.txt and /travail/tmp-avant.txt
# were written (both survived in the volume) and /tmp/cache.txt, which tmp-avant.txt shows
# was in the tmpfs before that restart, is gone.
notebook=datasci-notebook-1
state=$(docker inspect -f '{{.State.Status}}' "$notebook" 2>/dev/null)
if [ "$state" != "running" ]; then
  echo "Le conteneur $notebook ne tourne pas (${state:-inexistant}) : relancez docker compose up -d dans ~/datasci."
  exit 1
fi
for f in /travail/analyse.txt /travail/tmp-avant.txt; do
  if ! docker exec "$notebook" test -f "$f"; then
    echo "Aucun fichier $f dans le notebook : créez-le avec le premier bloc de commandes de l'étape."
    exit 1
  fi
done
if ! docker exec "$notebook" grep -qx 'cache.txt' /travail/tmp-avant.txt; then
  echo "/travail/tmp-avant.txt ne cite pas cache.txt : créez /tmp/cache.txt, puis notez ls /tmp"
  echo "dans /travail/tmp-avant.txt, avant de redémarrer (premier bloc de l'étape)."
  exit 1
fi
# Nanoseconds since the epoch, as integers: a restart may come less than a second after.
started=$(date -d "$(docker inspect -f '{{.State.StartedAt}}' "$notebook")" +%s%N)
written=$(docker exec "$notebook" stat -c '%.9Y' /travail/analyse.txt /travail/tmp-avant.txt | tr -d . | sort -n | tail -n 1)
if [ "$started" -le "$written" ]; then
  echo "Le notebook n'a pas redémarré depuis l'écriture de vos fichiers : lancez"
  echo "docker compose restart notebook dans ~/datasci, puis vérifiez à nouveau."
  exit 1
fi
if docker exec "$notebook" test -e /tmp/cache.txt; then
  echo "/tmp/cache.txt est encore là après le redémarrage : /tmp n'est pas un tmpfs ? Vérifiez la ligne"
  echo "tmpfs: - /tmp de compose.yaml, puis relancez docker compose up -d et refaites l'étape."
  exit 1
fi
echo "Le notebook a redémarré après l'écriture de vos fichiers : /travail/analyse.txt et tmp-avant.txt ont"
echo "survécu dans le volume ; /tmp/cache.txt, qui était dans le tmpfs, a disparu."
