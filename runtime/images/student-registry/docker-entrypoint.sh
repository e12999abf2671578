#!/bin/sh
# Like the official image: a configuration file, or a registry subcommand, runs the registry.
set -e
case "$1" in
  *.yaml | *.yml) set -- registry serve "$@" ;;
  serve | garbage-collect | help | -*) set -- registry "$@" ;;
esac
exec "$@"
