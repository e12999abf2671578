/**
 * `npx tsx bench/recording.ts`: what terminal recordings (server/recordings) cost — storage per
 * hour of an active terminal, and keystroke echo with and without the recorder on a real lab
 * node. Writes bench/recording.json and its section of docs/benchmarks.md. Measures and
 * records; never fails on a figure. Its nodes carry the driver instance `bench-rec` and are
 * removed at the end, Ctrl-C included.
 */
import { IncusSandboxDriver } from '../runtime/incus/incus-driver';
import { openDatabase } from '../server/db/database';
import { findLabSpec } from '../server/sessions/find-lab-spec';
import { SessionService } from '../server/sessions/session-service';
import { describeMachine, loadAverage, otherWork } from './lib/machine';
import { measureEchoWithRecorder, type EchoFigures } from './recording/echo';
import { writeRecordingSection } from './recording/report';
import { measureStorage } from './recording/storage';

const driver = new IncusSandboxDriver({ instance: 'bench-rec' });
const removeAll = async () => {
  await Promise.all((await driver.list()).map((sandbox) => driver.destroy(sandbox.id).catch(() => undefined)));
};
process.once('SIGINT', () => void removeAll().finally(() => process.exit(130)));

const conditions = { loadAtStart: loadAverage(), loadAtEnd: 0, otherWork: await otherWork() };
const db = await openDatabase({ dataDir: 'memory://' });
let echo: EchoFigures | null = null;
let echoProblem: string | undefined;
try {
  const storage = await measureStorage(db.prisma);
  console.log(`[bench:recording] ${storage.virtualMinutes} min : ${storage.pieces} morceaux, ${storage.compressedBytes} octets compressés (${storage.rawChars} caractères)`);
  try {
    await driver.prepare();
    await removeAll();
    const sessions = new SessionService({ prisma: db.prisma, driver, findLab: findLabSpec });
    echo = await measureEchoWithRecorder({ prisma: db.prisma, driver, sessions });
    console.log(`[bench:recording] écho p99 : ${echo.withRecorder.p99} ms avec l'enregistreur, ${echo.withoutRecorder.p99} ms sans`);
  } catch (error) {
    echoProblem = (error as Error).message.split('\n')[0];
    console.log(`[bench:recording] écho non mesuré : ${echoProblem}`);
  }
  conditions.loadAtEnd = loadAverage();
  await writeRecordingSection({ storage, echo, echoProblem, machine: await describeMachine(), date: new Date().toISOString(), conditions });
  console.log('[bench:recording] bench/recording.json, docs/benchmarks.md');
} finally {
  await removeAll();
  await driver.stop();
  await db.close();
}
