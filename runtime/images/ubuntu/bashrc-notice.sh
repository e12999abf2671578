# shellcheck shell=bash
# Sourced by /etc/bash.bashrc (interactive shells only): one line, on stderr, once per shell.
if [ -z "${DOCKYARD_UBUNTU_NOTICE_SHOWN:-}" ]; then
  export DOCKYARD_UBUNTU_NOTICE_SHOWN=1
  printf '%s\n' "(Dockyard) Cette image « ubuntu » est une Debian 12 (bookworm) : même shell, même apt-get. / This \"ubuntu\" image is Debian 12 (bookworm)." >&2
fi
