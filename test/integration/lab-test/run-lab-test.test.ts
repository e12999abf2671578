/**
 * lab:test on labs made to fail (test/fixtures/lab-test-content), on the real engine: it must
 * say which step is wrong and why, stop where later steps cannot be trusted, refuse a lab it
 * cannot solve without starting anything, and leave no sandbox behind. (The real labs are
 * proven by `npm run lab:test` itself.)
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriver } from '../runtime/test-driver';
import type { ContentOptions } from '@/server/content/content-paths';
import { loadLab } from '@/server/content/lab';
import type { Database } from '@/server/db/database';
import { openTestDatabase } from '../test-database';
import { formatLabTestReport, labPassed } from '@/server/lab-test/lab-test-report';
import { runLabTest } from '@/server/lab-test/run-lab-test';
import { SessionService } from '@/server/sessions/session-service';
import { requireImages, TEST_INSTANCE } from '../runtime/fixtures';

const driver = testDriver(`${TEST_INSTANCE}-lab-test-${randomUUID().slice(0, 8)}`);
let db: Database;

/** lab:test as the CLI runs it, on the labs of `contentRoot`. */
function labTest(contentRoot: string) {
  const content: ContentOptions = { contentRoot: path.resolve(contentRoot) };
  const sessions = new SessionService({ prisma: db.prisma, driver, findLab: (slug) => loadLab(slug, content) });
  return (slug: string) => runLabTest(slug, { sessions, driver, content });
}

beforeAll(async () => {
  await requireImages();
  db = await openTestDatabase();
});

afterAll(async () => {
  await Promise.all((await driver.list()).map((sandbox) => driver.destroy(sandbox.id)));
  await db?.close();
});

describe('lab:test', () => {
  it('fails a check that passes before its solution, a failing solution, and does not run what follows', async () => {
    const report = await labTest('test/fixtures/lab-test-content')('casse');
    expect(labPassed(report)).toBe(false);
    expect(report.steps.map((step) => step.outcome)).toEqual(['failed', 'failed', 'not-run']);
    expect(report.steps[0]?.problem).toMatch(/réussit avant la solution/);
    expect(report.steps[1]).toMatchObject({ problem: expect.stringMatching(/solution \(sur node1\) a échoué avec le code 3/) });
    expect(report.steps[1]?.output).toContain('cette solution échoue exprès');

    const printed = formatLabTestReport(report);
    expect(printed).toMatch(/^✗ casse — Lab aux étapes fautives \(1 machine, prête en [\d,]+ s\)/);
    expect(printed).toContain('│ cette solution échoue exprès');
    expect(printed).toContain('– 3. Jamais atteinte — non testée');
    expect(await driver.list()).toEqual([]);
  });

  it('passes a solution in parts, each part receiving what the previous one printed', async () => {
    const report = await labTest('test/fixtures/lab-test-content')('parties');
    expect(report.steps).toEqual([expect.objectContaining({ outcome: 'passed' })]);
    expect(labPassed(report)).toBe(true);
  });

  it('reports every line a background script wrote to stderr, and fails a command not found although the script exited 0', async () => {
    const report = await labTest('test/fixtures/lab-test-content')('bruyant');
    expect(report.stderr).toEqual([
      { page: 'introduction', lines: ["note de l'introduction"] },
      { page: 'conclusion', lines: [expect.stringMatching(/kubectl: command not found$/)] },
    ]);
    // Step 1's check and solution pass: only its background script's missing podman fails it.
    expect(report.steps[0]).toMatchObject({
      outcome: 'failed',
      problem: expect.stringMatching(/appelle une commande que les machines de lab n'ont pas/),
      stderr: { page: 'étape 1', lines: [expect.stringMatching(/^bash: line 3: podman: command not found$/)] },
    });
    expect(report.steps[1]).toMatchObject({ outcome: 'no-check', stderr: { page: 'étape 2', lines: [expect.stringMatching(/dossier-absent/)] } });
    // Ending on a missing command is exit status 127, as in a shell (not a refusal of Incus's).
    expect(report.problem).toMatch(/^Le script d'arrière-plan \(conclusion\) a échoué avec le code 127\./);
    expect(labPassed(report)).toBe(false);

    const printed = formatLabTestReport(report);
    expect(printed).toMatch(/^✗ bruyant — /);
    expect(printed).toContain("⚠ stderr du script d'arrière-plan (introduction) : note de l'introduction");
    expect(printed).toContain("✗ stderr du script d'arrière-plan (étape 1) : bash: line 3: podman: command not found");
    expect(printed).toMatch(/⚠ stderr du script d'arrière-plan \(étape 2\) : ls: cannot access '\/dossier-absent'/);
    expect(printed).toMatch(/✗ stderr du script d'arrière-plan \(conclusion\) : bash: line \d+: kubectl: command not found/);
    expect(printed).not.toContain('sur stdout');
    expect(await driver.list()).toEqual([]);
  });

  it('refuses a lab with a checked step and no solution, without starting a machine', async () => {
    const report = await labTest('test/fixtures/killercoda-content')('scenario');
    expect(report.problem).toMatch(/Pas de solution pour étape 1 \(dockyard\.steps\[0\]\.solution\), étape 2/);
    expect(report.startMs).toBeUndefined();
    expect(labPassed(report)).toBe(false);
    expect(await driver.list()).toEqual([]);
  });
});
