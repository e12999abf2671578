/**
 * The admin routes for content packs, as /admin calls them: admins only, bodies checked where
 * they enter (the error envelope), a name already taken refused naming both locations, and an
 * unknown pack a 404. The packs are served by a registry of this file's own.
 * Needs no Docker engine.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as listRoute, POST as addRoute } from '@/app/api/admin/packs/route';
import { DELETE as removeRoute } from '@/app/api/admin/packs/[id]/route';
import { POST as pullRoute } from '@/app/api/admin/packs/[id]/pull/route';
import { defaultBuiltinRoot, PackRegistry, packRegistry, publishPackRegistry } from '@/server/content/packs/pack-registry';
import { openPlatform, type Person, type Platform } from '../platform-fixture';
import { tempDir, writePack } from './pack-fixture';

let platform: Platform;
let admin: Person;
let before: PackRegistry;
const folders: string[] = [];

async function packFolder(labTitle: string): Promise<string> {
  const folder = await writePack(await tempDir('admin-pack'), { labTitle });
  folders.push(folder);
  return folder;
}

beforeAll(async () => {
  // Published before the platform opens: its pack manager serves this registry, not the process's.
  before = packRegistry();
  publishPackRegistry(new PackRegistry(defaultBuiltinRoot()));
  platform = await openPlatform();
  admin = await platform.signUp({ role: 'admin', name: 'Admin' });
});

afterAll(async () => {
  await platform?.close();
  publishPackRegistry(before);
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

const add = (body: unknown, as: Person = admin) => platform.call(addRoute, '/api/admin/packs', { as, body });
const remove = (id: string, as: Person = admin) => platform.call(removeRoute, `/api/admin/packs/${id}`, { as, method: 'DELETE', params: { id } });

describe('the packs routes', () => {
  it('refuse whoever is not an admin, instructors included', async () => {
    const folder = await packFolder('Refusé');
    for (const role of ['student', 'instructor'] as const) {
      const person = await platform.signUp({ role });
      const responses = [
        await platform.call(listRoute, '/api/admin/packs', { as: person }),
        await add({ id: 'intrus', location: folder }, person),
        await platform.call(pullRoute, '/api/admin/packs/intrus/pull', { as: person, body: {}, params: { id: 'intrus' } }),
        await remove('intrus', person),
      ];
      expect(responses.map((response) => response.status)).toEqual([403, 403, 403, 403]);
    }
    expect(platform.services.packs.statuses().map((pack) => pack.id)).not.toContain('intrus');
    expect(await platform.db.prisma.contentPack.count()).toBe(0);
  });

  it('refuse a body that is not a name and a location, with the error envelope', async () => {
    const response = await add({ id: 'Réseaux avancés', location: ' ' });
    expect(response.status).toBe(400);
    const envelope = (await response.json()) as { message: string; validations: Array<{ path: string; message: string }> };
    expect(envelope.message).toBe('Requête invalide.');
    expect(envelope.validations).toEqual([
      { path: 'id', message: 'nom : lettres minuscules, chiffres et tirets (40 au plus)' },
      { path: 'location', message: 'indiquez un dossier du serveur ou un dépôt git' },
    ]);

    const extra = await add({ id: 'reseaux', location: '/srv/reseaux', addedBy: 'quelqu-un' });
    expect(extra.status).toBe(400);
    expect((await extra.json()).validations).toEqual([expect.objectContaining({ message: expect.stringContaining('addedBy') })]);
    expect(await platform.db.prisma.contentPack.count()).toBe(0);
  });

  it('add a folder pack, served at once, and refuse another pack of that name, naming both locations', async () => {
    const first = await packFolder('Premier');
    const added = await add({ id: 'reseaux', location: first });
    expect(added.status).toBe(200);
    expect((await added.json()).pack).toMatchObject({ id: 'reseaux', kind: 'folder', origin: 'admin', state: 'served', location: first, title: 'Réseaux avancés' });

    const second = await packFolder('Second');
    const clash = await add({ id: 'reseaux', location: second });
    expect(clash.status).toBe(400);
    const { message } = (await clash.json()) as { message: string };
    expect(message).toContain('« reseaux »');
    expect(message).toContain(first);
    expect(message).toContain(second);

    // The built-in course's name is taken too.
    const builtin = await add({ id: 'dockyard', location: second });
    expect(builtin.status).toBe(400);
    expect((await builtin.json()).message).toContain('cours intégré');

    const listed = (await (await platform.call(listRoute, '/api/admin/packs', { as: admin })).json()) as { packs: Array<{ id: string; location: string }> };
    expect(listed.packs).toEqual([expect.objectContaining({ id: 'reseaux', location: first })]);
    expect(await platform.db.prisma.contentPack.findMany({ select: { id: true, location: true, addedBy: true } })).toEqual([
      { id: 'reseaux', location: first, addedBy: admin.id },
    ]);

    expect((await remove('reseaux')).status).toBe(200);
    expect(platform.services.packs.statuses()).toEqual([]);
    expect(await platform.db.prisma.contentPack.count()).toBe(0);
  });

  it('answer 404 for a pack that does not exist, when removed or pulled', async () => {
    const removed = await remove('inconnu');
    expect(removed.status).toBe(404);
    expect((await removed.json()).message).toBe('Aucun paquet de contenu « inconnu ».');

    const pulled = await platform.call(pullRoute, '/api/admin/packs/inconnu/pull', { as: admin, body: {}, params: { id: 'inconnu' } });
    expect(pulled.status).toBe(404);
  });
});
