#!/usr/bin/env bash
# Passes when sans-reseau runs with --network none (NET), and invite runs as uid 1000 with
# /root/id-invite.txt holding what `id` answers inside it (USER).
running() { [ "$(docker container inspect --format '{{.State.Running}}' "$1" 2>/dev/null)" = "true" ]; }

if ! docker container inspect sans-reseau >/dev/null 2>&1; then
  echo "Aucun conteneur nommé sans-reseau : lancez docker run -d --name sans-reseau --network none alpine sleep 3600."
  exit 1
fi
if ! running sans-reseau; then
  echo "Le conteneur sans-reseau existe mais ne tourne pas : démarrez-le avec docker start sans-reseau."
  exit 1
fi
if [ "$(docker container inspect --format '{{.HostConfig.NetworkMode}}' sans-reseau)" != "none" ] \
  || docker exec sans-reseau ip addr 2>/dev/null | grep -q 'eth0'; then
  echo "Le conteneur sans-reseau est relié à un réseau : supprimez-le (docker rm -f sans-reseau),"
  echo "puis relancez-le avec l'option --network none."
  exit 1
fi

if ! docker container inspect invite >/dev/null 2>&1; then
  echo "Réseau : c'est bon. Aucun conteneur nommé invite : lancez"
  echo "docker run -d --name invite --user 1000:1000 alpine sleep 3600."
  exit 1
fi
if ! running invite; then
  echo "Le conteneur invite existe mais ne tourne pas : démarrez-le avec docker start invite."
  exit 1
fi
inside=$(docker exec invite id 2>/dev/null)
case "$inside" in
  uid=1000*) ;;
  *)
    echo "Dans invite, id répond « $inside » : le conteneur ne tourne pas sous l'uid 1000."
    echo "Supprimez-le (docker rm -f invite), puis relancez-le avec l'option --user 1000:1000."
    exit 1
    ;;
esac
if [ ! -s /root/id-invite.txt ]; then
  echo "Le fichier /root/id-invite.txt n'existe pas ou est vide : écrivez-y ce que id répond dans invite"
  echo "(docker exec invite id > /root/id-invite.txt)."
  exit 1
fi
written=$(cat /root/id-invite.txt)
if [ "$written" != "$inside" ]; then
  echo "/root/id-invite.txt contient « $written », pas ce que id répond dans invite (« $inside »)."
  echo "Lancé sur la machine ou dans isole, id parle de root : lancez docker exec invite id > /root/id-invite.txt."
  exit 1
fi
echo "sans-reseau n'a que lo ; dans invite, id répond « $inside » : le conteneur tourne sous l'uid 1000."
