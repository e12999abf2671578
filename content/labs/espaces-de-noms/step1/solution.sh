#!/usr/bin/env bash
# Un conteneur qui dort une heure, avec son propre nom d'hôte (namespace UTS).
docker run -d --name isole --hostname boite alpine sleep 3600
docker exec isole hostname   # boite
hostname                     # node1
