/**
 * `npm run bench:persistence` (also the last part of `npm run bench`): pause and resume of
 * real labs (issue 14), « premiers-pas » and « pile-data-science » solved as lab:test solves
 * them, then the latter holding 500 MB of images or more. Writes bench/persistence.json and
 * its section of docs/benchmarks.md. Measures and records; never fails on a figure. Its nodes
 * carry the driver instance `bench-persist` and are removed at the end, Ctrl-C included.
 */
import { IncusSandboxDriver } from '../runtime/incus/incus-driver';
import { openDatabase } from '../server/db/database';
import { runLabTest } from '../server/lab-test/run-lab-test';
import { findLabSpec } from '../server/sessions/find-lab-spec';
import { SessionService } from '../server/sessions/session-service';
import { describeMachine, loadAverage, otherWork } from './lib/machine';
import { writePersistenceSection } from './persistence-report';
import { growImages, pauseAndResume, type PauseResumeSample } from './measures/pause-resume';

const INSTANCE = 'bench-persist';
const LABS = process.env.BENCH_LABS?.split(',') ?? ['premiers-pas', 'pile-data-science'];
/** The issue's figure: a node holding this much of images resumes in 10 s or less. */
const BIG_IMAGES_MIB = 500;

const driver = new IncusSandboxDriver({ instance: INSTANCE });
const removeAll = async () => {
  await Promise.all((await driver.list()).map((sandbox) => driver.destroy(sandbox.id).catch(() => undefined)));
};
process.once('SIGINT', () => void removeAll().finally(() => process.exit(130)));

const conditions = { loadAtStart: loadAverage(), loadAtEnd: 0, otherWork: await otherWork() };
await driver.prepare();
await removeAll();
const db = await openDatabase({ dataDir: 'memory://' });
// The operator's defaults, with a quota that never deletes what is being measured.
const sessions = new SessionService({ prisma: db.prisma, driver, findLab: findLabSpec, pauses: { keepDays: 14, quotaMiB: 1024 * 1024 } });
const samples: PauseResumeSample[] = [];
const problems: string[] = [];
try {
  for (const lab of LABS) {
    const report = await runLabTest(lab, {
      sessions,
      driver,
      afterSolved: async (owner, sessionId) => {
        samples.push(await pauseAndResume(sessions, driver, owner, sessionId, lab));
        if (lab !== 'pile-data-science') return;
        const held = await growImages(driver, sessions, owner, sessionId, BIG_IMAGES_MIB);
        samples.push(await pauseAndResume(sessions, driver, owner, sessionId, `${lab} + images (${held} MiB)`));
      },
    });
    if (report.problem) problems.push(`${lab}: ${report.problem.split('\n')[0]}`);
    console.log(`[bench:persistence] ${lab}: ${samples.filter((s) => s.lab.startsWith(lab)).map((s) => `pause ${Math.round(s.pauseMs)} ms, resume ${Math.round(s.resumeMs)} ms, ${s.storageMiB} MiB`).join(' ; ')}`);
  }
} finally {
  await removeAll();
  await db.close();
}
conditions.loadAtEnd = loadAverage();
await writePersistenceSection({ samples, problems, conditions, machine: await describeMachine(), date: new Date().toISOString() });
console.log('[bench:persistence] bench/persistence.json, docs/benchmarks.md');
