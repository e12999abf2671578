#!/usr/bin/env bash
# Un deuxième conteneur à partir de la même image, puis tous les conteneurs, même arrêtés.
docker run hello-world
docker ps -a
