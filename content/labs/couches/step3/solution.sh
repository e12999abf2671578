#!/usr/bin/env bash
# Deux étiquettes de plus sur la même image, puis on en retire une : seul le nom disparaît.
docker tag nginx:1.22 monsite:v1
docker tag nginx:1.22 monsite:v2
docker image rm monsite:v1
docker image ls
