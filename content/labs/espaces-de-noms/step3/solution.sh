#!/usr/bin/env bash
# NET : un conteneur dont le namespace ne contient que lo.
docker run -d --name sans-reseau --network none alpine sleep 3600
docker exec sans-reseau ip addr
# USER : root par défaut, l'uid 1000 avec --user ; vus de la machine, les mêmes numéros.
docker exec isole id   # uid=0(root)
docker run -d --name invite --user 1000:1000 alpine sleep 3600
docker exec invite id > /root/id-invite.txt
cat /root/id-invite.txt   # uid=1000 gid=1000 groups=1000
ps -eo user,pid,args | grep '[s]leep 3600'
cat /proc/self/uid_map    # 0 1065536 65536, par exemple : une plage d'uid propre à la machine
