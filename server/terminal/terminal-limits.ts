/**
 * What one user may hold on the terminal gateway. Each attach replays up to 256 KiB of
 * scrollback: without these bounds one socket that never reads, attaching again and again,
 * piled hundreds of MiB of unsent output in the server (docs/security.md, issue 9).
 */
export interface TerminalLimits {
  /** Terminal sockets one user (or workshop browser) holds open at once: tabs × machines, watchers included. */
  socketsPerUser: number;
  /** Attaches and live views one user starts per minute (reloads, reconnections, machine changes). */
  attachesPerMinute: number;
  /**
   * Output queued for one socket and not yet handed to the network, in characters: past it the
   * socket is dropped. Far above what a browser that reads ever holds (128 KiB unacknowledged
   * plus a 256 KiB scrollback replay).
   */
  unsentMaxChars: number;
}

export const DEFAULT_TERMINAL_LIMITS: TerminalLimits = {
  socketsPerUser: 20,
  attachesPerMinute: 30,
  unsentMaxChars: 2 * 1024 * 1024,
};
