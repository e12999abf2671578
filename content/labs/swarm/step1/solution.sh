#!/usr/bin/env bash
# Sur node1 : un nouvel essaim, dont node1 est le manager, joignable par son interface eth0.
docker swarm init --advertise-addr eth0
