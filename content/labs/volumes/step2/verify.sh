#!/usr/bin/env bash
# Passes when the container site runs with /root/site bind-mounted read-only on nginx's pages
# and serves the file on port 8080.
state=$(docker inspect -f '{{.State.Status}}' site 2>/dev/null)
if [ "$state" != "running" ]; then
  echo "Le conteneur site ne tourne pas (${state:-inexistant}) : lancez-le avec la commande docker run -d --name site … de l'étape."
  exit 1
fi
mount=$(docker inspect -f '{{range .Mounts}}{{if eq .Destination "/usr/share/nginx/html"}}{{.Type}} {{.Source}} {{.RW}}{{end}}{{end}}' site)
if [ "$mount" != "bind /root/site false" ]; then
  echo "Le conteneur site doit monter le dossier ~/site (/root/site) sur /usr/share/nginx/html,"
  echo "en bind mount et en lecture seule (readonly). Trouvé : ${mount:-aucun montage sur /usr/share/nginx/html}."
  echo "Supprimez-le (docker rm -f site) et relancez-le avec la commande de l'étape."
  exit 1
fi
expected=$(cat /root/site/index.html 2>/dev/null)
page=$(timeout 8 docker run --rm --network host busybox wget -qO- http://127.0.0.1:8080/ 2>/dev/null)
if [ -z "$expected" ] || [ "$page" != "$expected" ]; then
  echo "Le port 8080 de la machine ne sert pas le fichier ~/site/index.html : vérifiez -p 8080:80."
  exit 1
fi
echo "nginx sert ~/site en lecture seule sur le port 8080 : $page"
