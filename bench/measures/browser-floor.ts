/**
 * References for the terminal figures: what the browser alone allows, measured in the same
 * run on the same Chromium, xterm.js and terminal size, against a server that answers at once
 * (lib/instant-terminal.ts). Their distance to the real figures is Dockyard's own share;
 * a target below them is out of reach of any server.
 *
 * - Echo floor: the echo measure of echo.ts, unchanged, on the instant terminal.
 * - Flood ceiling: the flood's lines generated in the page and handed to xterm.js as the lab
 *   page hands it output (64 KiB messages, at most 128 KiB undrawn, each acknowledged once
 *   drawn): how fast this Chromium parses and draws them, with no network and no shell.
 */
import type { Browser, Page } from '@playwright/test';
import { newProbedPage } from '../lib/browser';
import { startInstantTerminal } from '../lib/instant-terminal';
import { measureEcho, type EchoSample } from './echo';

const FLOOD_LINE_WIDTH = 200;
const FLOOD_MESSAGE_CHARS = 64 * 1024;
const FLOOD_WINDOW_CHARS = 128 * 1024;

export interface BrowserFloor {
  echo: EchoSample[];
  floodMBps: number;
}

/** The lab page's terminal box (the element the fit addon measures), in CSS pixels. */
export async function terminalBox(labPage: Page): Promise<{ width: number; height: number }> {
  return labPage.evaluate(() => {
    const box = document.querySelector('[data-testid=terminal] .xterm')?.parentElement?.getBoundingClientRect();
    if (!box) throw new Error('no terminal on the lab page');
    return { width: box.width, height: box.height };
  });
}

export async function measureBrowserFloor(
  browser: Browser,
  box: { width: number; height: number },
  echoes: number,
  floodBytes: number,
): Promise<BrowserFloor> {
  const server = await startInstantTerminal();
  const { context, page } = await newProbedPage(browser, server.url(box.width, box.height));
  try {
    await page.goto(server.url(box.width, box.height));
    const echo = await measureEcho(page, echoes);
    // Terminal bytes as in the real flood: each line with its CR LF.
    const bytes = floodBytes + (floodBytes / FLOOD_LINE_WIDTH) * 2;
    const flood = await page.evaluate(
      ([total, width, message, undrawn]) => window.__instantFlood(total, width, message, undrawn),
      [bytes, FLOOD_LINE_WIDTH, FLOOD_MESSAGE_CHARS, FLOOD_WINDOW_CHARS] as const,
    );
    return { echo, floodMBps: flood.chars / 1e6 / (flood.ms / 1000) };
  } finally {
    await context.close();
    await server.close();
  }
}
