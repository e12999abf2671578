#!/usr/bin/env bash
# Pulls the stack's images at session start, so that the first docker compose up is quick.
docker pull -q python:3.11
docker pull -q postgres:15
