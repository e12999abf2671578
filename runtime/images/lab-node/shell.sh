#!/bin/bash
# dockyard-shell <cols> <rows>: the student's terminal. The shell lives in a tmux session
# inside the node, so it outlives the server's connection: any server process reattaches to
# the same shell, with its variables, jobs and screen (tmux redraws it on attach).
cd /root 2>/dev/null || true
exec tmux -u new-session -A -s dockyard -x "${1:-80}" -y "${2:-24}" bash -l
