/**
 * Keystroke echo on a quiet terminal: one real key press in Chromium (Playwright's keyboard,
 * into xterm's textarea) until the character is drawn in `.xterm-rows`. Both instants are
 * taken in the page: the keydown (probe in lib/browser.ts) and the DOM change, observed with a
 * MutationObserver, so the figure is what a student sees, give or take the paint itself.
 */
import type { Page } from '@playwright/test';
import { focusTerminal, PROMPT, waitForScreen } from '../lib/browser';
import { sleep } from '../lib/stats';

declare global {
  interface Window {
    __benchEcho?: Promise<EchoSample>;
  }
}

// No `x` (the flood's character) and nothing readline treats specially.
const LETTERS = 'abcdefghijklmnopqrstuvwyz';
/** Characters typed on one line before it is cleared with Ctrl+U (stays on one row). */
const LINE_LENGTH = 30;

export async function cleanPrompt(page: Page): Promise<void> {
  await focusTerminal(page);
  await page.keyboard.press('Control+C');
  await page.keyboard.press('Control+L');
  await waitForScreen(page, `${PROMPT}[\\s\\u00a0]*$`);
}

export interface EchoSample {
  /** Keydown to the DOM change that draws the character. */
  drawnMs: number;
  /** Keydown to the dispatch, in the page, of the websocket message carrying the echo. */
  arrivedMs: number;
}

export async function measureEcho(page: Page, samples: number): Promise<EchoSample[]> {
  await cleanPrompt(page);
  const results: EchoSample[] = [];
  let line = '';
  while (results.length < samples) {
    if (line.length >= LINE_LENGTH) {
      await page.keyboard.press('Control+U');
      await waitForScreen(page, `${PROMPT}[\\s\\u00a0]*$`);
      line = '';
    }
    const char = LETTERS[Math.floor(Math.random() * LETTERS.length)] as string;
    line += char;
    // The prompt then the whole line typed so far: it matches only once this character is drawn.
    const source = `${PROMPT}[\\s\\u00a0]${line}`;
    await page.evaluate((pattern) => {
      const probe = window.__benchProbe;
      probe.lastKeyAt = 0;
      window.__benchEcho = new Promise<EchoSample>((resolve, reject) => {
        const regex = new RegExp(pattern);
        const observer = new MutationObserver(() => {
          const text = document.querySelector('[data-testid=terminal] .xterm-rows')?.textContent ?? '';
          if (probe.lastKeyAt === 0 || !regex.test(text)) return;
          observer.disconnect();
          clearTimeout(timer);
          // The echo is the latest output: the frame that carried it is the last one dispatched.
          resolve({ drawnMs: performance.now() - probe.lastKeyAt, arrivedMs: probe.lastOutputAt - probe.lastKeyAt });
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`echo of /${pattern}/ never drawn`));
        }, 10_000);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
    }, source);
    await page.keyboard.press(char);
    results.push(await page.evaluate(() => window.__benchEcho as Promise<EchoSample>));
    // A random pause, so that key presses do not lock onto the 60 Hz animation frames.
    await sleep(10 + Math.random() * 30);
  }
  await page.keyboard.press('Control+U');
  return results;
}
