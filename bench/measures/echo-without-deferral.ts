/**
 * Reference for the keystroke echo: the same measure in a Chromium whose scheduler does not
 * hold tasks back after a key press. By default Chromium defers a page's incoming WebSocket
 * messages (among other task types) from a discrete input event until it has produced the
 * next frame (its `DeferRendererTasksAfterInput` feature), so an echo that is back in a few
 * milliseconds still waits for that frame, then xterm.js draws it on the following one. This
 * figure shows what the same server, shell and page give without that wait; the headline
 * figure stays the default browser's, which is what students use.
 */
import type { Browser, BrowserContext } from '@playwright/test';
import { labPath, launchBrowser, newProbedPage, PROMPT, waitForScreen } from '../lib/browser';
import { measureEcho, type EchoSample } from './echo';

export const NO_DEFERRAL_ARGS = ['--disable-features=DeferRendererTasksAfterInput'];

/** Opens the running lab in a second browser (same student: same cookies) and measures echo there. */
export async function measureEchoWithoutDeferral(student: BrowserContext, baseUrl: string, samples: number): Promise<EchoSample[]> {
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser(NO_DEFERRAL_ARGS);
    const { context, page } = await newProbedPage(browser, baseUrl);
    await context.addCookies(await student.cookies());
    await page.goto(labPath);
    await waitForScreen(page, PROMPT);
    return await measureEcho(page, samples);
  } finally {
    await browser?.close();
  }
}
