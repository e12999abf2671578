#!/usr/bin/env bash
# Pulls the images the project needs at session start, so that the first build and up are quick.
docker pull -q python:3.11-slim
docker pull -q redis:7-alpine
