/**
 * Lab start as a student lives it: the click on « Démarrer le lab » until the terminal shows
 * the sandbox's prompt. Both instants are taken inside the page (the click event and the DOM
 * change that draws the prompt), so Playwright's own round trips are not counted.
 */
import type { Page } from '@playwright/test';
import { endLabInPage, labPath, PROMPT } from '../lib/browser';

declare global {
  interface Window {
    __benchStart?: Promise<StartSample>;
  }
}

/** One start, all from the click, in ms. */
export interface StartSample {
  /** Until the prompt is drawn: the figure. */
  ms: number;
  /** Until the response to the start request (POST …/session) has arrived. */
  answeredMs: number | null;
  /** Until the server said the terminal is attached (the node's shell opened through Incus exec). */
  readyMs: number | null;
  /** Until the first terminal output frame (tmux's first screen) reached the page. */
  firstOutputMs: number | null;
}

/**
 * Starts the lab `runs` times; every start but the last is ended (the last one stays open for
 * the next measures). `beforeEach` runs before a start's page load (e.g. waits for a spare node);
 * `afterEach` once its prompt is drawn, before it is ended (e.g. notes which node it got).
 */
export async function measureLabStarts(
  page: Page,
  runs: number,
  log: (line: string) => void,
  beforeEach: () => Promise<void> = async () => undefined,
  afterEach: () => Promise<void> = async () => undefined,
): Promise<StartSample[]> {
  const samples: StartSample[] = [];
  for (let run = 0; run < runs; run += 1) {
    await beforeEach();
    await page.goto(labPath);
    const start = page.getByRole('button', { name: 'Démarrer le lab' });
    await start.waitFor({ timeout: 60_000 });
    await page.evaluate(
      ({ prompt }) => {
        window.__benchStart = new Promise<StartSample>((resolve, reject) => {
          const probe = window.__benchProbe;
          let clickedAt = 0;
          let answeredAt = 0;
          document.addEventListener(
            'click',
            () => {
              clickedAt = performance.now();
              probe.firstOutputAt = 0;
              probe.readyAt = 0;
            },
            { capture: true, once: true },
          );
          const requests = new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
              if (clickedAt > 0 && answeredAt === 0 && entry.startTime >= clickedAt && /\/api\/labs\/[^/]+\/session$/.test(entry.name)) answeredAt = entry.responseEnd;
            }
          });
          requests.observe({ type: 'resource' });
          const observer = new MutationObserver(() => {
            const rows = document.querySelector('[data-testid=terminal] .xterm-rows');
            if (clickedAt === 0 || !rows?.textContent?.includes(prompt)) return;
            observer.disconnect();
            requests.disconnect();
            clearTimeout(timer);
            resolve({
              ms: performance.now() - clickedAt,
              answeredMs: answeredAt > 0 ? answeredAt - clickedAt : null,
              readyMs: probe.readyAt > 0 ? probe.readyAt - clickedAt : null,
              firstOutputMs: probe.firstOutputAt > 0 ? probe.firstOutputAt - clickedAt : null,
            });
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
    const sample = await page.evaluate(() => window.__benchStart as Promise<StartSample>);
    samples.push(sample);
    const phase = (ms: number | null) => (ms === null ? '?' : Math.round(ms));
    log(`  start ${run + 1}/${runs}: ${Math.round(sample.ms)} ms (answered ${phase(sample.answeredMs)}, terminal ready ${phase(sample.readyMs)}, first output ${phase(sample.firstOutputMs)})`);
    await afterEach();
    if (run < runs - 1) await endLabInPage(page);
  }
  return samples;
}
