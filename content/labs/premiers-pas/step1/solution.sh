#!/usr/bin/env bash
# Télécharge l'image hello-world depuis le registre, puis crée et démarre un conteneur.
docker run hello-world
