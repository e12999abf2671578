/**
 * A git pack switched under a running lab, on real parts: the session (real Incus sandbox)
 * keeps checking its steps with the scripts of the commit it started on; a new session gets
 * the new commit. And the pull webhook, which a git server calls with the shared secret.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as webhook } from '@/app/api/content/packs/[id]/pull/route';
import { PackManager } from '@/server/content/packs/pack-manager';
import { defaultBuiltinRoot, PackRegistry, packRegistry, publishPackRegistry } from '@/server/content/packs/pack-registry';
import type { Database } from '@/server/db/database';
import { getServices, publishServices } from '@/server/services';
import { findLabSpec } from '@/server/sessions/find-lab-spec';
import { SessionService } from '@/server/sessions/session-service';
import { requireImages, TEST_INSTANCE } from '../runtime/fixtures';
import { testDriver } from '../runtime/test-driver';
import { openTestDatabase } from '../test-database';
import { buildServices } from '../platform-fixture';
import { OwnerTokens } from '@/server/auth/owner-token';
import { gitRemote, tempDir } from './pack-fixture';

const SECRET = 'secret-du-webhook-de-test';
let db: Database;
let before: PackRegistry;
let remote: Awaited<ReturnType<typeof gitRemote>>;
let packs: PackManager;
const driver = testDriver(`${TEST_INSTANCE}-${randomUUID().slice(0, 8)}`);

beforeAll(async () => {
  await requireImages();
  db = await openTestDatabase();
  before = packRegistry();
  const registry = new PackRegistry(defaultBuiltinRoot());
  publishPackRegistry(registry);
  remote = await gitRemote();
  await remote.commit({ labTitle: 'Version 1', verify: 'exit 0' });
  packs = new PackManager({ registry, prisma: db.prisma, dataDir: await tempDir('data'), setting: `cours=${remote.url}`, pullMinutes: 0, webhookSecret: SECRET, log: () => undefined });
  await packs.start();
});

afterAll(async () => {
  await Promise.all((await driver.list()).map((sandbox) => driver.destroy(sandbox.id)));
  publishPackRegistry(before);
  await remote.remove();
  await db.close();
});

describe('a lab whose git pack changes while it runs', () => {
  it('finishes on the version it started on; the next session gets the new one', async () => {
    const sessions = new SessionService({ prisma: db.prisma, driver, findLab: findLabSpec });
    const started = await sessions.start('etudiante', 'cours.premier');
    // The new commit's check can never pass: only the old one's can.
    await remote.commit({ labTitle: 'Version 2', verify: 'exit 1' });
    expect((await packs.pull('cours')).version).not.toBeNull();
    expect((await findLabSpec('cours.premier'))?.title).toBe('Version 2');

    expect((await sessions.check('etudiante', started.id, 0)).passed).toBe(true);

    await sessions.end('etudiante', started.id);
    const next = await sessions.start('etudiante', 'cours.premier');
    expect((await sessions.check('etudiante', next.id, 0)).passed).toBe(false);
    await sessions.end('etudiante', next.id);
  });
});

describe('the pull webhook', () => {
  const call = (headers: Record<string, string>, body = '{"ref":"refs/heads/main"}') =>
    webhook(new Request('http://localhost/api/content/packs/cours/pull', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }), {
      params: Promise.resolve({ id: 'cours' }),
    });

  beforeAll(() => {
    const sessions = new SessionService({ prisma: db.prisma, driver, findLab: findLabSpec });
    publishServices(buildServices({ prisma: db.prisma, owners: new OwnerTokens(SECRET.repeat(2)), sessions, packs }));
  });

  it('refuses a call without the secret, with the error envelope saying how to give it', async () => {
    const refused = await call({ authorization: 'Bearer pas-le-bon-secret' });
    expect(refused.status).toBe(401);
    const body = (await refused.json()) as { message: string; detail: string };
    expect(body.detail).toContain('X-Hub-Signature-256');
  });

  it('pulls the new commit for a bearer token, GitLab’s token or GitHub’s signature', async () => {
    const third = await remote.commit({ labTitle: 'Version 3', verify: 'exit 0' });
    const byToken = await call({ 'x-gitlab-token': SECRET });
    expect(byToken.status).toBe(200);
    expect(await byToken.json()).toMatchObject({ pack: { id: 'cours', state: 'served', version: third } });

    const body = '{"ref":"refs/heads/main","after":"x"}';
    const signed = await call({ 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` }, body);
    expect(signed.status).toBe(200);
    const forged = await call({ 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update('{}').digest('hex')}` }, body);
    expect(forged.status).toBe(401);
    expect(getServices().packs.statuses()[0]?.version).toBe(third);
  });
});
