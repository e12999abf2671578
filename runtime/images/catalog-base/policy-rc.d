#!/bin/sh
# Dockyard: no service starts while packages install (exit 101 = "action forbidden").
exit 101
