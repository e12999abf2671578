#!/usr/bin/env bash
# Passes when /root/pid-hote.txt holds the node's PID of isole's main process.
if [ "$(docker container inspect --format '{{.State.Running}}' isole 2>/dev/null)" != "true" ]; then
  echo "Le conteneur isole ne tourne pas : refaites l'étape 1 (ou docker start isole)."
  exit 1
fi
if [ ! -s /root/pid-hote.txt ]; then
  echo "Le fichier /root/pid-hote.txt n'existe pas ou est vide : écrivez-y le numéro du processus"
  echo "sleep 3600 vu depuis la machine (docker inspect --format '{{.State.Pid}}' isole > /root/pid-hote.txt)."
  exit 1
fi
expected=$(docker container inspect --format '{{.State.Pid}}' isole)
written=$(tr -d '[:space:]' < /root/pid-hote.txt)
if [ "$written" = "1" ]; then
  echo "1 est le numéro du processus vu de l'intérieur du conteneur. Il faut celui que voit la machine :"
  echo "cherchez-le avec ps -ef | grep 'sleep 3600' ou docker top isole."
  exit 1
fi
if [ "$written" != "$expected" ]; then
  echo "/root/pid-hote.txt contient « $written », qui n'est pas le numéro du processus sleep 3600 de isole."
  echo "Si vous avez relancé le conteneur, son numéro a changé : réécrivez le fichier."
  exit 1
fi
echo "Bien vu : PID 1 dans le conteneur, PID $expected sur la machine, pour le même processus."
