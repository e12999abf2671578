/**
 * Coalesces a shell's output into fewer socket messages: under a flood the shell produces
 * thousands of small chunks (a pseudo-terminal hands them over a kilobyte or so at a time),
 * and every message costs the browser a parse and an acknowledgement. Output that follows a
 * quiet moment leaves on the next turn of the event loop (setImmediate), so an echo is never
 * held back; output that keeps coming right after the previous message waits a few
 * milliseconds more to travel in bigger messages.
 */
export interface OutputBatcher {
  push(chunk: string): void;
  /** Sends what is pending now (before a status message, say). */
  flush(): void;
}

/** Output within this long of the previous message is "streaming". */
const STREAMING_GAP_MS = 2;
/** How long streaming output may wait to be coalesced. */
const STREAMING_DELAY_MS = 8;

export interface BatchOptions {
  /** Past this many characters pending, send at once. */
  maxChars?: number;
  /** The clock (tests give their own). */
  now?: () => number;
}

export function batchOutput(send: (text: string) => void, options: BatchOptions = {}): OutputBatcher {
  const { maxChars = 64 * 1024, now = () => performance.now() } = options;
  let pending: string[] = [];
  let size = 0;
  // Kept apart: clearImmediate must never be given a timer (nor clearTimeout an immediate).
  let immediate: NodeJS.Immediate | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  const flush = () => {
    if (immediate !== undefined) clearImmediate(immediate);
    if (timer !== undefined) clearTimeout(timer);
    immediate = undefined;
    timer = undefined;
    if (size === 0) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    lastSentAt = now();
    send(text);
  };
  return {
    push(chunk) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= maxChars) flush();
      else if (immediate === undefined && timer === undefined) {
        if (now() - lastSentAt < STREAMING_GAP_MS) timer = setTimeout(flush, STREAMING_DELAY_MS);
        else immediate = setImmediate(flush);
      }
    },
    flush,
  };
}
