// What the session service gets for a lab: the lab, null when there is none, and for a lab
// that cannot load a 503 in the student's words (never a 500, nothing of the files at fault).
import { describe, expect, it } from 'vitest';
import { toEnvelope } from '@/server/errors';
import { findLabSpec } from '@/server/sessions/find-lab-spec';
import { writeContentFixture } from './write-fixture';

describe('findLabSpec', () => {
  it('gives null for a lab that does not exist', async () => {
    const contentRoot = await writeContentFixture({ 'labs/autre/index.json': '{}' });
    expect(await findLabSpec('absent', null, { contentRoot })).toBeNull();
  });

  it('refuses a lab that cannot load with a 503 that tells the student what to do', async () => {
    const contentRoot = await writeContentFixture({ 'labs/casse/index.json': '{ "title": ' });
    const error = await findLabSpec('casse', null, { contentRoot }).catch((e: unknown) => e);
    const { status, body } = toEnvelope(error);
    expect(status).toBe(503);
    expect(body.message).toBe('Ce lab est indisponible pour le moment : son contenu est à corriger. Prévenez votre enseignant, ou choisissez un autre lab.');
    expect(JSON.stringify(body)).not.toMatch(/index\.json/);
    expect((error as { reason: string }).reason).toMatch(/^lab « casse » : JSON invalide dans .*index\.json/);
  });
});
