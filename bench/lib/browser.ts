/**
 * Debian's Chromium driven by Playwright, with a probe installed in every page before the
 * application's own scripts run. The probe sees socket.io's websocket frames, which the
 * application keeps private: it counts received bytes and can ask xterm.js when it has parsed
 * a given keystroke's echo (see flood.ts).
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { LAB } from './student';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface ProbeState {
  /** Characters received on websockets (socket.io frames, JSON included). */
  receivedChars: number;
  /** performance.now() of the latest keydown anywhere in the page. */
  lastKeyAt: number;
  /** performance.now() when the latest terminal output frame was dispatched in the page. */
  lastOutputAt: number;
  /** performance.now() of the first terminal output frame since it was last set to 0 (lab-start.ts). */
  firstOutputAt: number;
  /** performance.now() of the first « terminal ready » status (the server attached the shell) since it was last set to 0. */
  readyAt: number;
  /** Text awaited in the output (flood.ts's end marker), and when the first frame holding it arrived (0: not yet). */
  awaitedText: string;
  awaitedAt: number;
  /** Characters whose echo xterm must report once parsed: keydown (or input) time, 0 until pressed. */
  watched: Map<string, { keyAt: number }>;
  /** Watched characters marked in the stream, in order: xterm answers in that same order. */
  marked: Array<{ char: string; keyAt: number; arrivedAt: number }>;
  /** Echo delays of watched characters: keydown to the frame that draws them, and to their arrival on the websocket. */
  parsed: Array<{ char: string; keyAt: number; ms: number; arrivalMs: number }>;
}

declare global {
  interface Window {
    __benchProbe: ProbeState;
  }
}

/** DSR "status report" asks the terminal to answer ESC[0n; xterm answers when its parser gets there. */
const DSR_QUERY_JSON = '\\u001b[5n';
const DSR_ANSWER_FRAME = '42["terminal:input","\\u001b[0n"]';

/** Runs in the page (serialised by Playwright): everything it needs is inside. */
function installProbe(query: string, answerFrame: string): void {
  const state: ProbeState = { receivedChars: 0, lastKeyAt: 0, lastOutputAt: 0, firstOutputAt: 0, readyAt: 0, awaitedText: '', awaitedAt: 0, watched: new Map(), marked: [], parsed: [] };
  window.__benchProbe = state;
  document.addEventListener(
    'keydown',
    (event) => {
      state.lastKeyAt = performance.now();
      const watch = state.watched.get(event.key);
      if (watch && watch.keyAt === 0) watch.keyAt = state.lastKeyAt;
    },
    { capture: true },
  );
  // Characters typed as text (no key to press for them: flood.ts's Greek letters) start their
  // clock at the input event instead.
  document.addEventListener(
    'input',
    (event) => {
      const data = (event as InputEvent).data;
      const watch = data ? state.watched.get(data) : undefined;
      if (watch && watch.keyAt === 0) watch.keyAt = performance.now();
    },
    { capture: true },
  );
  const Native = window.WebSocket;
  class ProbedWebSocket extends Native {
    // engine.io-client sets `ws.onmessage`: wrapping the setter lets the probe see (and mark)
    // each frame before socket.io parses it and hands it to xterm.write.
    set onmessage(handler: ((event: MessageEvent) => void) | null) {
      super.onmessage = handler && ((event: MessageEvent) => handler(probeFrame(event)));
    }
    get onmessage(): ((event: MessageEvent) => void) | null {
      return super.onmessage as ((event: MessageEvent) => void) | null;
    }
    send(data: Parameters<WebSocket['send']>[0]): void {
      // xterm's answer to our own query: the shell must not receive it.
      const mark = data === answerFrame ? state.marked.shift() : undefined;
      if (mark) {
        // xterm draws on the next animation frame, after its own callback queued while parsing.
        requestAnimationFrame(() =>
          state.parsed.push({ char: mark.char, keyAt: mark.keyAt, ms: performance.now() - mark.keyAt, arrivalMs: mark.arrivedAt - mark.keyAt }),
        );
        return;
      }
      super.send(data);
    }
  }
  function probeFrame(event: MessageEvent): MessageEvent {
    const data: unknown = event.data;
    if (typeof data !== 'string') return event;
    state.receivedChars += data.length;
    if (state.readyAt === 0 && /^42\["terminal:status",\{"state":"ready"/.test(data)) state.readyAt = performance.now();
    // `42` is a socket.io event; digits after it are the acknowledgement id the client answers
    // once the output is drawn (flow control).
    if (!/^42\d*\["terminal:output"/.test(data)) return event;
    state.lastOutputAt = performance.now();
    if (state.firstOutputAt === 0) state.firstOutputAt = state.lastOutputAt;
    if (state.awaitedText && state.awaitedAt === 0 && data.includes(state.awaitedText)) state.awaitedAt = state.lastOutputAt;
    if (state.watched.size === 0) return event;
    // Echoes in the order they appear in the frame, each followed by the query (inside the JSON string).
    const hits = [...state.watched]
      .filter(([char, watch]) => watch.keyAt > 0 && data.includes(char))
      .sort(([a], [b]) => data.indexOf(a) - data.indexOf(b));
    if (hits.length === 0) return event;
    let marked = data;
    const arrivedAt = performance.now();
    for (const [char, watch] of hits) {
      state.watched.delete(char);
      state.marked.push({ char, keyAt: watch.keyAt, arrivedAt });
      marked = marked.replace(char, char + query);
    }
    return new MessageEvent('message', { data: marked });
  }
  window.WebSocket = ProbedWebSocket;
}

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export async function newProbedPage(browser: Browser, baseUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1400, height: 900 } });
  // tsx compiles with esbuild's keepNames, whose __name() calls must exist in the page too.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  await context.addInitScript(`(${installProbe.toString()})(${JSON.stringify(DSR_QUERY_JSON)}, ${JSON.stringify(DSR_ANSWER_FRAME)})`);
  return { context, page: await context.newPage() };
}

export const labPath = `/labs/${LAB}`;

/** « Terminer le lab », confirmed, until « Démarrer le lab » is back. */
export async function endLabInPage(page: Page): Promise<void> {
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Terminer le lab' }).click();
  await page.getByRole('button', { name: 'Démarrer le lab' }).waitFor({ timeout: 60_000 });
}

export async function focusTerminal(page: Page): Promise<void> {
  await page.getByTestId('terminal').locator('.xterm-helper-textarea').focus();
}

/** Resolves when the terminal's rows match `pattern` (checked on each DOM change), or rejects. */
export async function waitForScreen(page: Page, pattern: string, timeoutMs = 60_000): Promise<void> {
  await page.evaluate(
    ({ source, timeout }) =>
      new Promise<void>((resolve, reject) => {
        const regex = new RegExp(source);
        const matches = () => regex.test(document.querySelector('[data-testid=terminal] .xterm-rows')?.textContent ?? '');
        if (matches()) return resolve();
        const observer = new MutationObserver(() => {
          if (!matches()) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve();
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`screen never matched /${source}/`));
        }, timeout);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      }),
    { source: pattern, timeout: timeoutMs },
  );
}

/** The prompt of the sandbox's bash (`root@node1:~#`, see runtime/images/sandbox/bashrc). */
export const PROMPT = 'node1:~#';
