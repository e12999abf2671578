/**
 * Output flood: a command prints tens of megabytes into the terminal while keys are pressed.
 *
 * The shell lives in a tmux session inside the node (runtime/images/lab-node/shell.sh), and
 * tmux, not the browser, now absorbs a flood: it parses every byte into its own screen, and
 * when the terminal it draws to (the browser, through the server's flow control) falls behind,
 * it stops sending intermediate output and later redraws the current screen. So the browser
 * receives far fewer bytes than the shell printed. What this measure gives:
 * - the rate of the flood as a student lives it: the command's terminal bytes over the time
 *   from the Enter keydown to its end marker drawn on screen (MB/s of the shell's output
 *   worked through until the screen shows its end), and whether the marker came at all;
 * - the characters that really reached the page (websocket frames): what was drawn of it;
 * - the echo of keys pressed during the flood, each a different character. A key's echo is
 *   timed as before: the probe (lib/browser.ts) puts a status query (ESC[5n) right behind the
 *   echoed character as it arrives; xterm answers when its parser reaches it, and the time is
 *   taken on the next animation frame, the one that draws it. Under tmux an echo written
 *   during the flood reaches the page only if it is still on tmux's screen when tmux draws;
 *   readline shows the keys again once bash is back, with the end of the flood. Echoes are
 *   timed whenever they come, and counted apart: in a frame before the end marker's, or not.
 * - the interrupt: an endless flood, Ctrl+C once it streams, until the next prompt is drawn.
 */
import type { Page } from '@playwright/test';
import { PROMPT, waitForScreen } from '../lib/browser';
import { sleep } from '../lib/stats';
import { cleanPrompt } from './echo';

declare global {
  interface Window {
    __benchFloodEnd?: Promise<number>;
    __benchFloodEndAt?: number;
    __benchInterrupt?: Promise<number>;
  }
}

// Each key pressed during a flood is a character of its own, so that its echo cannot be
// taken for another key's: uppercase letters tmux never writes in its own escape sequences
// (cursor moves, erases and attributes end in A B C D G H J K L M P S T X d m r h l) and
// none of the end marker's (F L O D E N), then Greek letters (typed as text, their clock
// starting at the input event; sent as UTF-8, drawn by tmux as they are). Past them, no more
// keys are pressed during that flood.
const WATCHED = [...'QRUVWYZI', ...'αβγδεζηθικλμνξοπρστυφχψω', ...'ΓΔΘΛΞΠΣΦΨΩ'];
/** At most this many keys are typed during one flood. */
export const FLOOD_KEYS = WATCHED.length;
const LINE_WIDTH = 200;
/** Echoes still in flight when the end marker is drawn are waited for this long. */
const ECHO_GRACE_MS = 2_000;
/** Output received after Enter that shows the flood is running (the prompt line is far shorter). */
const FLOOD_STARTED_CHARS = 16 * 1024;
/** A stalled terminal must fail this measure, not hang the bench. */
const FLOOD_TIMEOUT_MS = 120_000;

export interface FloodResult {
  /** The flood's terminal bytes over Enter → end marker drawn, MB/s; null if the marker never came. */
  mbps: number | null;
  markerDrawn: boolean;
  /** Keys pressed during the flood (before the end marker was drawn). */
  keys: number;
  /** Echo of those keys, keydown → drawn, whenever it came (during the flood or with its end). */
  echoMs: number[];
  /** How many of those echoes arrived in a frame before the one carrying the end marker. */
  echoedBeforeMarker: number;
  /** The same keys, until their echo reached the page's websocket (before xterm.js parses it). */
  arrivalMs: number[];
  /** Keys pressed during the flood whose echo never reached the page (grace period included). */
  lostEchoes: number;
  /** Characters received on the websocket during the flood (socket.io framing included), millions. */
  receivedMChars: number;
  seconds: number;
  payloadBytes: number;
}

export async function measureFlood(page: Page, bytes: number): Promise<FloodResult> {
  await cleanPrompt(page);
  // The marker is computed by the shell, so the command line's own echo never matches it.
  await page.keyboard.insertText(`head -c ${bytes} /dev/zero | tr '\\0' x | fold -w ${LINE_WIDTH}; echo FLOOD-$((6*7))-END`);
  await page.evaluate(() => {
    window.__benchFloodEndAt = undefined;
    window.__benchFloodEnd = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector('[data-testid=terminal] .xterm-rows')?.textContent?.includes('FLOOD-42-END')) return;
        observer.disconnect();
        resolve((window.__benchFloodEndAt = performance.now()));
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  });
  const receivedBefore = await page.evaluate(() => {
    window.__benchProbe.awaitedText = 'FLOOD-42-END';
    window.__benchProbe.awaitedAt = 0;
    return window.__benchProbe.receivedChars;
  });
  await page.keyboard.press('Enter');
  const enterAt = await page.evaluate(() => window.__benchProbe.lastKeyAt);
  // Keys go in once the flood streams: a key typed before bash has handed the terminal to the
  // command is type-ahead, which the terminal does not echo (readline shows it at the end).
  await page
    .waitForFunction(
      ({ before, started }) => window.__benchProbe.receivedChars - before > started || window.__benchFloodEndAt !== undefined,
      { before: receivedBefore, started: FLOOD_STARTED_CHARS },
      { timeout: FLOOD_TIMEOUT_MS },
    )
    .catch(() => undefined);

  // About ten keys a second, as someone typing, without waiting for each echo.
  const deadline = Date.now() + FLOOD_TIMEOUT_MS;
  let markerDrawn = true;
  for (let i = 0; (await page.evaluate(() => window.__benchFloodEndAt)) === undefined; i += 1) {
    if (Date.now() > deadline) {
      markerDrawn = false;
      break;
    }
    const char = WATCHED[i];
    if (char !== undefined) {
      await page.evaluate((c) => window.__benchProbe.watched.set(c, { keyAt: 0 }), char);
      // Playwright presses only keys of a US keyboard: the Greek letters are typed as text.
      if (/^[A-Z]$/.test(char)) await page.keyboard.press(char);
      else await page.keyboard.insertText(char);
    }
    await sleep(60 + Math.random() * 80);
  }
  const endAt = markerDrawn ? await page.evaluate(() => window.__benchFloodEnd as Promise<number>) : Number.POSITIVE_INFINITY;
  const received = (await page.evaluate(() => window.__benchProbe.receivedChars)) - receivedBefore;
  // Echoes still in flight are waited for; only keys pressed before the end marker was drawn count.
  await sleep(ECHO_GRACE_MS);
  const { keys, echoMs, arrivalMs, beforeMarker } = await page.evaluate((end) => {
    const probe = window.__benchProbe;
    const pressed = [...probe.watched.values(), ...probe.marked, ...probe.parsed].filter((w) => w.keyAt > 0 && w.keyAt < end);
    const counted = probe.parsed.filter((p) => p.keyAt < end);
    // Echoes in a frame before the one that carried the end marker came during the flood; the
    // others came with its end (readline shows the type-ahead again once bash is back).
    const markerAt = probe.awaitedAt > 0 ? probe.awaitedAt : Number.POSITIVE_INFINITY;
    const before = counted.filter((p) => p.keyAt + p.arrivalMs < markerAt).length;
    probe.watched.clear();
    probe.marked.length = 0;
    probe.parsed.length = 0;
    probe.awaitedText = '';
    return { keys: pressed.length, echoMs: counted.map((p) => p.ms), arrivalMs: counted.map((p) => p.arrivalMs), beforeMarker: before };
  }, endAt);
  // Discard what was typed during the flood (readline shows it after the marker).
  await page.keyboard.press('Control+C');
  await waitForScreen(page, PROMPT);

  const seconds = ((markerDrawn ? endAt : performance.now()) - enterAt) / 1000;
  // fold adds a newline every LINE_WIDTH characters, and the terminal turns each into CR LF.
  const payloadBytes = bytes + Math.ceil(bytes / LINE_WIDTH) * 2;
  return {
    mbps: markerDrawn ? payloadBytes / 1e6 / ((endAt - enterAt) / 1000) : null,
    markerDrawn,
    keys,
    echoMs,
    echoedBeforeMarker: beforeMarker,
    arrivalMs,
    lostEchoes: keys - echoMs.length,
    receivedMChars: received / 1e6,
    seconds,
    payloadBytes,
  };
}

/**
 * Ctrl+C during an endless flood: from the keydown, once the flood streams, to the DOM change
 * that draws the next prompt (after `^C`), taken in the page. `runs` times.
 */
export async function measureInterrupt(page: Page, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    await cleanPrompt(page);
    // A marker the prompt line cannot match before the command has run.
    await page.keyboard.insertText(`echo INTR-$((6*7))-GO; yes ${'x'.repeat(LINE_WIDTH - 1)}`);
    const receivedBefore = await page.evaluate(() => window.__benchProbe.receivedChars);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      ({ before, started }) => window.__benchProbe.receivedChars - before > started,
      { before: receivedBefore, started: FLOOD_STARTED_CHARS },
      { timeout: 30_000 },
    );
    await sleep(1_000);
    await page.evaluate(
      ({ prompt }) => {
        const probe = window.__benchProbe;
        probe.lastKeyAt = 0;
        window.__benchInterrupt = new Promise<number>((resolve, reject) => {
          // ^C, then the prompt on the last non-empty row: the flood has stopped and bash is back.
          const regex = new RegExp(`\\^C[\\s\\u00a0]*(?:\\S*${prompt})[\\s\\u00a0]*$`);
          const observer = new MutationObserver(() => {
            const text = document.querySelector('[data-testid=terminal] .xterm-rows')?.textContent ?? '';
            if (probe.lastKeyAt === 0 || !regex.test(text)) return;
            observer.disconnect();
            clearTimeout(timer);
            resolve(performance.now() - probe.lastKeyAt);
          });
          const timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error('no prompt within 30 s of Ctrl+C during a flood'));
          }, 30_000);
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
      },
      { prompt: PROMPT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') },
    );
    await page.keyboard.press('Control+C');
    samples.push(await page.evaluate(() => window.__benchInterrupt as Promise<number>));
  }
  return samples;
}
