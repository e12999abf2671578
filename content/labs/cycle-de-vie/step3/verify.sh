#!/usr/bin/env bash
# Passes when horloge exists, was killed (exit code 137) and kept /tmp/trace in its writable layer.
if ! docker container inspect horloge >/dev/null 2>&1; then
  echo "Aucun conteneur nommé horloge : créez-le avec docker create --name horloge busybox sh -c 'while true; do date; sleep 1; done'"
  exit 1
fi
status=$(docker container inspect --format '{{.State.Status}}' horloge)
if [ "$status" = "created" ]; then
  echo "horloge est créé mais n'a jamais démarré : lancez docker start horloge, puis suivez l'étape."
  exit 1
fi
if ! docker diff horloge 2>/dev/null | grep -q '^A /tmp/trace$'; then
  echo "Le fichier /tmp/trace n'existe pas dans horloge : pendant qu'il tourne (docker start horloge),"
  echo "créez-le avec docker exec horloge touch /tmp/trace."
  exit 1
fi
if [ "$status" = "running" ]; then
  echo "horloge tourne encore : arrêtez-le d'un coup avec docker kill horloge."
  exit 1
fi
code=$(docker container inspect --format '{{.State.ExitCode}}' horloge)
if [ "$code" != "137" ]; then
  echo "horloge s'est arrêté avec le code $code, et non 137 (SIGKILL) : redémarrez-le (docker start horloge)"
  echo "puis arrêtez-le avec docker kill horloge."
  exit 1
fi
echo "horloge a connu created, running, exited ; tué par SIGKILL (137), il a gardé /tmp/trace."
