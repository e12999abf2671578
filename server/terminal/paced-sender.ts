/**
 * Flow control for the student's terminal: at most `windowChars` of output undrawn in the
 * browser (it acknowledges each message once xterm.js has processed it), and the next
 * messages already waiting on the server, up to `readyChars`. When a message is drawn, the
 * next one leaves at once: the browser never sits idle waiting for the shell to be resumed,
 * read and batched again, which made a flood's speed hang on the round trip (a loaded
 * machine's slower round trips cut it to a third) rather than on the browser's drawing.
 * Past `readyChars` waiting, the shell is paused until half of it has left, so a flood never
 * queues more than a few tens of milliseconds of drawing in front of the student's next
 * keystroke, and the server holds a bounded amount per terminal.
 */
export interface PacedSenderOptions {
  windowChars: number;
  readyChars: number;
  /** Emits one message; `drawn` is called once the browser has processed it. */
  emit(text: string, drawn: () => void): void;
  /** Called with true to pause the shell, false to let it go on. */
  hold(paused: boolean): void;
}

export interface PacedSender {
  /** A message of output (already batched), sent now or once the window has room. */
  send(text: string): void;
  /** Sends everything waiting, window or not (before a status message, which must not overtake it). */
  flush(): void;
}

export function pacedSender({ windowChars, readyChars, emit, hold }: PacedSenderOptions): PacedSender {
  const ready: string[] = [];
  let readySize = 0;
  let undrawn = 0;
  let holding = false;

  const emitOne = (text: string) => {
    undrawn += text.length;
    emit(text, () => {
      undrawn -= text.length;
      drain();
    });
  };
  const drain = () => {
    while (ready.length > 0 && undrawn < windowChars) {
      const text = ready.shift() as string;
      readySize -= text.length;
      emitOne(text);
    }
    if (holding && readySize <= readyChars / 2) {
      holding = false;
      hold(false);
    }
  };

  return {
    send(text) {
      if (ready.length === 0 && undrawn < windowChars) return emitOne(text);
      ready.push(text);
      readySize += text.length;
      if (!holding && readySize > readyChars) {
        holding = true;
        hold(true);
      }
    },
    flush() {
      for (const text of ready.splice(0)) emitOne(text);
      readySize = 0;
      drain();
    },
  };
}
