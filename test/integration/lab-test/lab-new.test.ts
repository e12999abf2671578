/**
 * `./dockyard lab new` promises a lab that passes lab:test as created: the lab it writes, in a
 * content folder of its own, solved by lab:test on the real runtime (its check fails on a
 * fresh machine, its solution runs, its check then passes), leaving no sandbox behind.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ContentOptions } from '@/server/content/content-paths';
import { loadLab } from '@/server/content/lab';
import { writeNewLab } from '@/server/content/scaffold/new-lab';
import { formatLabTestReport, labPassed, type LabTestReport } from '@/server/lab-test/lab-test-report';
import { runLabTest } from '@/server/lab-test/run-lab-test';
import { SessionService } from '@/server/sessions/session-service';
import { writeContentFixture } from '../../unit/content/write-fixture';
import { requireImages, TEST_INSTANCE } from '../runtime/fixtures';
import { testDriver } from '../runtime/test-driver';
import { openTestDatabase } from '../test-database';

const driver = testDriver(`${TEST_INSTANCE}-lab-new-${randomUUID().slice(0, 8)}`);

describe('./dockyard lab new', () => {
  it('writes a lab that lab:test solves step by step in a real machine', async () => {
    await requireImages();
    const course = { title: 'Cours', description: 'D', chapters: [{ slug: 'nouveau', title: 'Nouveau', summary: 'S', lab: 'nouveau' }] };
    const contentRoot = await writeContentFixture({ 'course.json': JSON.stringify(course) });
    await writeNewLab({ contentRoot, slug: 'nouveau' });

    // lab:test as the CLI runs it, on this content folder and a database of its own.
    const content: ContentOptions = { contentRoot };
    const db = await openTestDatabase();
    let report: LabTestReport;
    try {
      const sessions = new SessionService({ prisma: db.prisma, driver, findLab: (slug) => loadLab(slug, content) });
      report = await runLabTest('nouveau', { sessions, driver, content });
    } finally {
      // lab:test ends its session itself; what a failure left behind goes too, then says it was there.
      const left = await driver.list();
      await Promise.all(left.map((sandbox) => driver.destroy(sandbox.id)));
      await db.close();
      expect(left).toEqual([]);
    }

    const printed = formatLabTestReport(report);
    expect(report.problem, printed).toBeUndefined();
    expect(report.steps, printed).toEqual([expect.objectContaining({ outcome: 'passed', title: 'Créer un volume' })]);
    expect(report.stderr, printed).toEqual([]);
    expect(labPassed(report), printed).toBe(true);
    expect(printed).toMatch(/^✓ nouveau — Nouveau \(1 machine, prête en [\d,]+ s\)/);
  });
});
