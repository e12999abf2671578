/**
 * A Killercoda scenario copied unchanged (test/fixtures/killercoda-content) runs in a real
 * session: real sandbox, real database, real shell hub. Its assets are copied at start, each
 * page's background script runs on the first machine when the page starts, in order and once,
 * and foreground scripts are typed into the terminal, where the shell really runs them.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriver } from '../runtime/test-driver';
import { loadLab } from '@/server/content/lab';
import type { Database } from '@/server/db/database';
import { openTestDatabase } from '../test-database';
import { ConflictError } from '@/server/errors';
import { LabScripts } from '@/server/sessions/lab-scripts';
import { SessionService } from '@/server/sessions/session-service';
import { ShellHub } from '@/server/terminal/shell-hub';
import { requireImages, TEST_INSTANCE } from '../runtime/fixtures';

const contentRoot = path.resolve('test/fixtures/killercoda-content');
const LAB = 'scenario';
const TIME_LIMIT_MINUTES = 20;
const driver = testDriver(TEST_INSTANCE);
const shells = new ShellHub(driver, 60_000);
let db: Database;
let sessions: SessionService;
const owner = `eleve-${randomUUID()}`;
let sessionId: string;

/** Runs a command on the session's machine, as the student's shell would. */
async function onMachine(command: string): Promise<string> {
  const { sandboxId } = await sessions.sandboxFor(owner, sessionId);
  const result = await driver.exec(sandboxId, ['bash', '-c', command]);
  return result.output.trim();
}

/** What the machine's terminal shows, as a browser attaching now would see it. */
async function terminalScreen(): Promise<string> {
  const { sandboxId, node } = await sessions.sandboxFor(owner, sessionId);
  const { channel } = await shells.open({ sessionId, node, sandboxId }, { cols: 80, rows: 24 });
  return channel.scrollback.contents();
}

const pagesRun = async () => (await sessions.backgroundRuns(sessionId)).map((run) => [run.page, run.exitCode]);

beforeAll(async () => {
  await requireImages();
  db = await openTestDatabase();
  sessions = new SessionService({
    prisma: db.prisma,
    driver,
    // The scenario as copied, given a time limit by Dockyard's extension.
    findLab: async (slug) => ({ ...(await loadLab(slug, { contentRoot })), timeLimitMinutes: TIME_LIMIT_MINUTES }),
    scripts: new LabScripts({ driver, typeIntoTerminal: (target, text) => shells.type(target, text) }),
  });
  sessionId = (await sessions.start(owner, LAB)).id;
});

afterAll(async () => {
  shells.detachAll();
  if (sessionId) await sessions.endSession(sessionId, 'test-cleanup');
  await db?.close();
});

describe('a Killercoda scenario in a session', () => {
  it('copies the assets into the first machine at start, with their mode', async () => {
    expect(await onMachine('stat -c %A /usr/local/bin/outil.sh')).toMatch(/^-..x/);
    expect(await onMachine('cat /root/app/app.conf')).toBe('mode=essai');
  });

  it('runs the introduction’s background script, and types its foreground script into the terminal', async () => {
    expect(await pagesRun()).toEqual([['introduction', 0]]);
    expect(await onMachine('cat /tmp/intro-background')).toBe('intro terminée');
    // Only a shell that ran the typed line prints the computed 42.
    await expect.poll(terminalScreen, { timeout: 15_000 }).toContain("premier plan de l'intro : 42");
  });

  it('starts a step when the student first opens it, once, after the pages before it', async () => {
    const before = await sessions.check(owner, sessionId, 0);
    expect(before).toMatchObject({ passed: false, output: expect.stringContaining("n'existe pas encore") });

    await Promise.all([sessions.visit(owner, sessionId, 0), sessions.visit(owner, sessionId, 0)]);
    expect(await pagesRun()).toEqual([
      ['introduction', 0],
      ['étape 1', 0],
    ]);
    // The step's background script found what the introduction's had left.
    expect(await onMachine('cat /tmp/step1-background')).toBe('intro terminée');
    await expect.poll(terminalScreen, { timeout: 15_000 }).toContain("premier plan de l'étape 1");

    await onMachine('touch /root/fait');
    expect((await sessions.check(owner, sessionId, 0)).passed).toBe(true);
  });

  it('starts every page up to the conclusion when the student jumps to it', async () => {
    await sessions.visit(owner, sessionId, 'finish');
    expect(await pagesRun()).toEqual([
      ['introduction', 0],
      ['étape 1', 0],
      ['conclusion', 0],
    ]);
    expect(await onMachine('test -f /tmp/finish-background && echo oui')).toBe('oui');
    const started = await db.prisma.stepEvent.findMany({ where: { sessionId, kind: 'started' }, orderBy: { step: 'asc' } });
    expect(started.map((event) => event.step)).toEqual([0, 1, 2]);

    // The copied tool works as the scenario expects: the second step passes once it ran.
    expect((await sessions.check(owner, sessionId, 1)).passed).toBe(false);
    expect(await onMachine('outil.sh')).toBe('outil lancé');
    expect((await sessions.check(owner, sessionId, 1)).passed).toBe(true);
  });

  it('gives the session the lab’s time limit, which « Prolonger » cannot pass', async () => {
    const view = await sessions.findRunning(owner, LAB);
    const lasts = Date.parse(view?.expiresAt ?? '') - Date.parse(view?.startedAt ?? '');
    expect(lasts).toBe(TIME_LIMIT_MINUTES * 60_000);
    expect(view?.maxExpiresAt).toBe(view?.expiresAt);
    await expect(sessions.extend(owner, sessionId)).rejects.toThrow(ConflictError);
  });
});
