/**
 * A terminal client as the browser runs it, over a real socket.io connection, recording what
 * it receives: for tests of the gateway and of whole servers.
 */
import { io as connect } from 'socket.io-client';
import { TERMINAL_EVENTS, type ErrorEnvelope, type TerminalStatus } from '@/server/terminal/events';

export interface TerminalClientOptions {
  /** False: output is not acknowledged until catchUp(), as from a browser that is behind. */
  acknowledge?: boolean;
}

export function terminalClient(url: string, cookie: string, { acknowledge = true }: TerminalClientOptions = {}) {
  const socket = connect(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
  let screen = '';
  const statuses: TerminalStatus[] = [];
  const errors: ErrorEnvelope[] = [];
  const unacknowledged: Array<() => void> = [];
  socket.on(TERMINAL_EVENTS.output, (chunk: string, drawn?: () => void) => {
    screen += chunk;
    if (!drawn) return;
    if (acknowledge) drawn();
    else unacknowledged.push(drawn);
  });
  socket.on(TERMINAL_EVENTS.status, (s: TerminalStatus) => statuses.push(s));
  socket.on(TERMINAL_EVENTS.error, (e: ErrorEnvelope) => errors.push(e));
  const until = async <T>(read: () => T | undefined, what: string, ms = 15_000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`attendu : ${what}\nécran : ${screen}\nerreurs : ${JSON.stringify(errors)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    socket,
    attach: (sessionId: string, cols = 80, rows = 24) => socket.emit(TERMINAL_EVENTS.attach, { sessionId, cols, rows }),
    type: (text: string) => socket.emit(TERMINAL_EVENTS.input, text),
    screen: () => screen,
    /** Acknowledges everything received so far, as xterm.js does once it has drawn it. */
    catchUp: () => unacknowledged.splice(0).forEach((drawn) => drawn()),
    statuses,
    waitForText: (text: string) => until(() => (screen.includes(text) ? true : undefined), `« ${text} »`),
    waitForStatus: (state: TerminalStatus['state']) => until(() => statuses.find((s) => s.state === state), state),
    waitForError: () => until(() => errors[0], 'une erreur'),
  };
}

export type TerminalClient = ReturnType<typeof terminalClient>;
