import type { ITerminalOptions } from '@xterm/xterm';

/** xterm settings: DOM renderer (the default, readable by tests), dark theme, system monospace. */
export const TERMINAL_OPTIONS: ITerminalOptions = {
  fontFamily: "ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace",
  fontSize: 14,
  lineHeight: 1.15,
  scrollback: 5000,
  cursorBlink: true,
  // Input stays off until the server says the shell is ready.
  disableStdin: true,
  theme: {
    background: '#0b1020',
    foreground: '#e2e8f0',
    cursor: '#93c5fd',
    cursorAccent: '#0b1020',
    selectionBackground: '#334155',
    black: '#1e293b',
    red: '#f87171',
    green: '#4ade80',
    yellow: '#facc15',
    blue: '#60a5fa',
    magenta: '#c084fc',
    cyan: '#22d3ee',
    white: '#e2e8f0',
    brightBlack: '#64748b',
    brightRed: '#fca5a5',
    brightGreen: '#86efac',
    brightYellow: '#fde047',
    brightBlue: '#93c5fd',
    brightMagenta: '#d8b4fe',
    brightCyan: '#67e8f9',
    brightWhite: '#f8fafc',
  },
};
