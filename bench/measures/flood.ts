/**
 * Output flood: a command prints tens of megabytes into the terminal while keys are pressed.
 * Throughput is the flood's terminal bytes over the time from Enter to its end marker drawn
 * on screen, so it counts everything a student waits for: sandbox, engine, server, socket.io,
 * xterm.js parsing and drawing.
 *
 * Echo during the flood cannot be seen in the DOM (the screen scrolls past it between two
 * frames), so the probe (lib/browser.ts) puts a status query (ESC[5n) right behind the echoed
 * character as it arrives; xterm answers when its parser reaches it, and the time is taken on
 * the next animation frame, the one that draws it. That is the echo a student would see if
 * the screen stood still, including xterm's backlog.
 */
import type { Page } from '@playwright/test';
import { PROMPT, waitForScreen } from '../lib/browser';
import { sleep } from '../lib/stats';
import { cleanPrompt } from './echo';

declare global {
  interface Window {
    __benchFloodEnd?: Promise<number>;
    __benchFloodEndAt?: number;
  }
}

// Uppercase, and none of the end marker's letters (F L O D E N), so no other output matches.
const WATCHED = 'QWRTYUIPSGHJKZCVBM';
const LINE_WIDTH = 200;
const ECHO_GRACE_MS = 2_000;
/** Output received after Enter that shows the flood is running (the prompt line is far shorter). */
const FLOOD_STARTED_CHARS = 64 * 1024;
/** A stalled terminal must fail this measure, not hang the bench. */
const FLOOD_TIMEOUT_MS = 120_000;

export interface FloodResult {
  mbps: number;
  /** Echo samples whose key was pressed before the flood ended. */
  echoMs: number[];
  /** The same keys, until their echo reached the page's websocket (before xterm.js parses it). */
  arrivalMs: number[];
  /** Keys pressed during the flood whose echo never came back within the grace period. */
  lostEchoes: number;
  /** Characters received on the websocket per second (socket.io framing included). */
  socketMCharsPerSecond: number;
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
  const receivedBefore = await page.evaluate(() => window.__benchProbe.receivedChars);
  await page.keyboard.press('Enter');
  const enterAt = await page.evaluate(() => window.__benchProbe.lastKeyAt);
  // Keys go in once the flood streams: a key typed before bash has handed the terminal to the
  // command is type-ahead, which the terminal does not echo (readline shows it at the end).
  await page.waitForFunction(
    ({ before, started }) => window.__benchProbe.receivedChars - before > started,
    { before: receivedBefore, started: FLOOD_STARTED_CHARS },
    { timeout: FLOOD_TIMEOUT_MS },
  );

  // About ten keys a second, as someone typing, without waiting for each echo: several are
  // in flight at once, which is what makes a backlog visible.
  const deadline = Date.now() + FLOOD_TIMEOUT_MS;
  for (let i = 0; (await page.evaluate(() => window.__benchFloodEndAt)) === undefined; i += 1) {
    if (Date.now() > deadline) throw new Error(`the end marker was not drawn within ${FLOOD_TIMEOUT_MS / 1000} s`);
    const char = WATCHED[i % WATCHED.length] as string;
    const free = await page.evaluate((c) => {
      const probe = window.__benchProbe;
      if (probe.watched.has(c) || probe.marked.some((m) => m.char === c)) return false;
      probe.watched.set(c, { keyAt: 0 });
      return true;
    }, char);
    if (free) await page.keyboard.press(char);
    await sleep(60 + Math.random() * 80);
  }
  const endAt = await page.evaluate(() => window.__benchFloodEnd as Promise<number>);
  const received = (await page.evaluate(() => window.__benchProbe.receivedChars)) - receivedBefore;
  // Echoes still in flight are waited for; only keys pressed before the end marker was drawn count.
  await sleep(ECHO_GRACE_MS);
  const { echoMs, arrivalMs, lostEchoes } = await page.evaluate((end) => {
    const probe = window.__benchProbe;
    const counted = probe.parsed.filter((p) => p.keyAt < end);
    const lost = [...probe.watched.values(), ...probe.marked].filter((w) => w.keyAt > 0 && w.keyAt < end).length;
    probe.watched.clear();
    probe.marked.length = 0;
    probe.parsed.length = 0;
    return { echoMs: counted.map((p) => p.ms), arrivalMs: counted.map((p) => p.arrivalMs), lostEchoes: lost };
  }, endAt);
  // Discard what was typed during the flood (readline shows it after the marker).
  await page.keyboard.press('Control+C');
  await waitForScreen(page, PROMPT);

  const seconds = (endAt - enterAt) / 1000;
  // fold adds a newline every LINE_WIDTH characters, and the terminal turns each into CR LF.
  const payloadBytes = bytes + Math.ceil(bytes / LINE_WIDTH) * 2;
  return { mbps: payloadBytes / 1e6 / seconds, echoMs, arrivalMs, lostEchoes, socketMCharsPerSecond: received / 1e6 / seconds, seconds, payloadBytes };
}
