#!/usr/bin/env bash
# Passes when a1 is on appnet only (connected to it, disconnected from the default bridge).
state=$(docker inspect -f '{{.State.Status}}' a1 2>/dev/null)
if [ "$state" != "running" ]; then
  echo "Le conteneur a1 ne tourne pas (${state:-inexistant}) : il a été lancé à la première étape."
  exit 1
fi
nets=$(docker inspect -f '{{range $n, $_ := .NetworkSettings.Networks}}{{$n}} {{end}}' a1)
case " $nets" in
  *" appnet "*) ;;
  *) echo "a1 n'est pas branché sur appnet (réseaux : ${nets:-aucun}) : docker network connect appnet a1."; exit 1 ;;
esac
case " $nets" in
  *" bridge "*) echo "a1 est bien sur appnet, mais encore sur le bridge par défaut : docker network disconnect bridge a1."; exit 1 ;;
esac
echo "a1 est passé du bridge par défaut à appnet, sans être relancé."
