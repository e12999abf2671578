/**
 * Lab start as a student lives it: the click on « Démarrer le lab » until the terminal shows
 * the sandbox's prompt. Both instants are taken inside the page (the click event and the DOM
 * change that draws the prompt), so Playwright's own round trips are not counted.
 */
import type { Page } from '@playwright/test';
import { endLabInPage, labPath, PROMPT } from '../lib/browser';

declare global {
  interface Window {
    __benchStart?: Promise<number>;
  }
}

/**
 * Starts the lab `runs` times; every start but the last is ended (the last one stays open for
 * the next measures). `beforeEach` runs before a start's page load (e.g. waits for a spare node).
 */
export async function measureLabStarts(
  page: Page,
  runs: number,
  log: (line: string) => void,
  beforeEach: () => Promise<void> = async () => undefined,
): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    await beforeEach();
    await page.goto(labPath);
    const start = page.getByRole('button', { name: 'Démarrer le lab' });
    await start.waitFor({ timeout: 60_000 });
    await page.evaluate(
      ({ prompt }) => {
        window.__benchStart = new Promise<number>((resolve, reject) => {
          let clickedAt = 0;
          document.addEventListener('click', () => (clickedAt = performance.now()), { capture: true, once: true });
          const observer = new MutationObserver(() => {
            const rows = document.querySelector('[data-testid=terminal] .xterm-rows');
            if (clickedAt === 0 || !rows?.textContent?.includes(prompt)) return;
            observer.disconnect();
            clearTimeout(timer);
            resolve(performance.now() - clickedAt);
          });
          const timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error('no prompt within 90 s'));
          }, 90_000);
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
      },
      { prompt: PROMPT },
    );
    await start.click();
    const ms = await page.evaluate(() => window.__benchStart as Promise<number>);
    samples.push(ms);
    log(`  start ${run + 1}/${runs}: ${Math.round(ms)} ms`);
    if (run < runs - 1) await endLabInPage(page);
  }
  return samples;
}
