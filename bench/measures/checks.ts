/**
 * Step check latency: POST /api/sessions/{id}/checks {step: 0} from the student's side of
 * the HTTP API, answer included. Step 0 of « Premiers pas » asks the inner engine twice
 * (`docker image inspect`, `docker ps`), after hello-world was really run so the check passes.
 */
import type { Page } from '@playwright/test';
import { focusTerminal, waitForScreen } from '../lib/browser';
import { Student } from '../lib/student';

export interface ChecksResult {
  samples: number[];
  passed: number;
}

export async function prepareStepZero(page: Page): Promise<void> {
  await focusTerminal(page);
  // The end marker is computed by the shell, so only the command's completion draws it.
  await page.keyboard.insertText('docker run hello-world; echo HELLO-$((40+2))-DONE');
  await page.keyboard.press('Enter');
  await waitForScreen(page, 'HELLO-42-DONE', 60_000);
}

export async function measureChecks(student: Student, sessionId: string, runs: number): Promise<ChecksResult> {
  const samples: number[] = [];
  let passed = 0;
  for (let i = 0; i < runs; i += 1) {
    const answer = await student.call<{ attempt?: { passed: boolean }; message?: string }>(
      'POST',
      `/api/sessions/${sessionId}/checks`,
      { step: 0 },
    );
    if (answer.status !== 200) throw new Error(`check refused (${answer.status}): ${answer.body.message ?? ''}`);
    samples.push(answer.ms);
    if (answer.body.attempt?.passed) passed += 1;
  }
  return { samples, passed };
}
