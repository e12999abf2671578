/**
 * `npm run lab:test [dossier] [lab…]`: proves each lab (all of content/labs by default, or of
 * the content pack in `dossier`, a folder with a course.json) solvable and
 * checked, in fresh sandboxes on the real runtime, Incus (see server/lab-test/run-lab-test.ts).
 * Its sandboxes carry the instance label `lab-test`, so a running Dockyard never reaps them
 * and they never take its place; leftovers of an interrupted run are removed first, and every
 * sandbox is destroyed at the end, Ctrl-C included. Exit code 1 on any failure.
 */
import { IncusSandboxDriver } from '../../runtime/incus/incus-driver';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { listLabSlugs } from '../content/lab';
import { PackRegistry, publishPackRegistry } from '../content/packs/pack-registry';
import { openDatabase } from '../db/database';
import { readEnv } from '../env';
import { formatLabTestReport, labPassed, seconds } from '../lab-test/lab-test-report';
import { runLabTest } from '../lab-test/run-lab-test';
import { findLabSpec } from '../sessions/find-lab-spec';
import { SessionService } from '../sessions/session-service';

const INSTANCE = 'lab-test';

const env = readEnv();
const [first, ...rest] = process.argv.slice(2);
// A pack's folder is read as this run's whole course: its labs keep their plain slugs here.
const packFolder = first && existsSync(path.join(first, 'course.json')) ? path.resolve(first) : null;
if (packFolder) publishPackRegistry(new PackRegistry(packFolder));
const requested = packFolder ? rest : [first, ...rest].filter((slug): slug is string => slug !== undefined);
const slugs = requested.length > 0 ? requested : await listLabSlugs();
const driver = new IncusSandboxDriver({
  socketPath: env.INCUS_SOCKET,
  instance: INSTANCE,
  subnetPool: env.DOCKYARD_SANDBOX_SUBNETS,
});

async function destroyAll(): Promise<void> {
  await Promise.all((await driver.list()).map((sandbox) => driver.destroy(sandbox.id).catch(() => undefined)));
}

process.once('SIGINT', () => {
  console.log('\nlab:test interrompu : suppression des bacs à sable…');
  void destroyAll().finally(() => process.exit(130));
});

const started = performance.now();
console.log(`lab:test — ${slugs.length === 1 ? '1 lab' : `${slugs.length} labs`} : ${slugs.join(', ')} (bacs à sable de l'instance « ${INSTANCE} »)\n`);
await driver.prepare();
await destroyAll();
// Checks and sessions go through the real session service, on a throw-away database.
const db = await openDatabase({ dataDir: 'memory://' });
const sessions = new SessionService({ prisma: db.prisma, driver, findLab: findLabSpec, capacity: { perOwner: 1, perMachine: 1 } });

let failed = 0;
let steps = 0;
try {
  for (const slug of slugs) {
    const report = await runLabTest(slug, { sessions, driver });
    console.log(`${formatLabTestReport(report)}\n`);
    if (!labPassed(report)) failed += 1;
    steps += report.steps.filter((step) => step.outcome === 'passed').length;
  }
} finally {
  await destroyAll();
  await db.close();
}

const total = seconds(performance.now() - started);
console.log(
  failed === 0
    ? `✓ ${slugs.length === 1 ? 'le lab passe' : `les ${slugs.length} labs passent`} : ${steps} étapes résolues et vérifiées (${total})`
    : `✗ ${failed} lab${failed > 1 ? 's' : ''} sur ${slugs.length} en échec (${total})`,
);
process.exitCode = failed === 0 ? 0 : 1;
