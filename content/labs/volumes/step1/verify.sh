#!/usr/bin/env bash
# Passes when the named volume donnees holds note.txt containing "je survis".
if ! docker volume inspect donnees >/dev/null 2>&1; then
  echo "Aucun volume nommé donnees : créez-le avec docker volume create donnees."
  exit 1
fi
note=$(docker run --rm -v donnees:/data:ro busybox cat /data/note.txt 2>/dev/null)
if [ "$note" != "je survis" ]; then
  echo "Le volume donnees existe, mais il ne contient pas de fichier note.txt avec « je survis »."
  echo "Écrivez-le depuis un conteneur qui monte le volume sur /data (docker run --rm -v donnees:/data …)."
  exit 1
fi
echo "Le volume donnees contient note.txt (« $note »), écrit par un conteneur qui n'existe plus."
