/**
 * Coalesces a shell's output into fewer socket messages: under a flood the shell produces
 * thousands of small chunks, and one websocket frame each costs more than the bytes. Output
 * waits at most until the event loop turns (setImmediate), so typing stays immediate.
 */
export interface OutputBatcher {
  push(chunk: string): void;
  /** Sends what is pending now (before a status message, say). */
  flush(): void;
}

export function batchOutput(send: (text: string) => void, maxChars = 32 * 1024): OutputBatcher {
  let pending: string[] = [];
  let size = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (size === 0) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    send(text);
  };
  return {
    push(chunk) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= maxChars) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
