#!/usr/bin/env bash
# Passes when ~/sauvegardes/donnees.tar.gz holds note.txt and the volume donnees-restaure
# has it back with the same content.
archive=/root/sauvegardes/donnees.tar.gz
if [ ! -f "$archive" ]; then
  echo "Aucune archive ~/sauvegardes/donnees.tar.gz : sauvegardez le volume donnees avec la commande tar de l'étape."
  exit 1
fi
if ! tar tzf "$archive" 2>/dev/null | grep -qE '^(\./)?note\.txt$'; then
  echo "L'archive ~/sauvegardes/donnees.tar.gz ne contient pas note.txt : archivez le contenu du volume"
  echo "monté sur /source avec tar czf /backup/donnees.tar.gz -C /source ."
  exit 1
fi
if ! docker volume inspect donnees-restaure >/dev/null 2>&1; then
  echo "L'archive est prête. Créez maintenant le volume donnees-restaure et extrayez-y l'archive."
  exit 1
fi
note=$(docker run --rm -v donnees-restaure:/data:ro busybox cat /data/note.txt 2>/dev/null)
if [ "$note" != "je survis" ]; then
  echo "Le volume donnees-restaure existe, mais ne contient pas note.txt : extrayez-y l'archive"
  echo "avec tar xzf /backup/donnees.tar.gz -C /cible (le volume monté sur /cible)."
  exit 1
fi
echo "Sauvegarde dans ~/sauvegardes/donnees.tar.gz, puis restauration dans donnees-restaure : « $note »."
