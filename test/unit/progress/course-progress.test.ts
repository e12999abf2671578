// The course outline's badges: a lab that cannot load (its page says « lab indisponible »)
// loses its badge, not the whole outline's. Records are stubbed: what is tested is the choice
// of which chapters get a badge, not the database.
import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/generated/prisma/client';
import { ContentError } from '@/server/content/content-errors';
import type { Lab } from '@/server/content/lab';
import { ProgressService } from '@/server/progress/progress-service';

const noRecords = { findMany: async () => [] };
const prisma = { labSession: noRecords, quizAttempt: noRecords } as unknown as PrismaClient;

const course = {
  title: 'C',
  description: 'D',
  maintainers: [],
  chapters: [
    { number: 1, slug: 'a', title: 'A', summary: 'S', lesson: null, lab: 'sain' },
    { number: 2, slug: 'b', title: 'B', summary: 'S', lesson: null, lab: 'casse' },
  ],
};
const sain = { slug: 'sain', steps: [{ title: 'Un', points: 1, verifyScript: 'true' }] } as unknown as Lab;

function service(findLab: (slug: string) => Promise<Lab | null>) {
  return new ProgressService({ prisma, findLab, findQuiz: async () => null, loadCourse: async () => course });
}

describe('ProgressService.courseProgress', () => {
  it('gives the other chapters their badge when one lab cannot load', async () => {
    const progress = await service(async (slug) => {
      if (slug === 'casse') throw new ContentError('JSON invalide dans labs/casse/index.json, ligne 1, colonne 12 : …');
      return sain;
    }).courseProgress('eleve');
    expect(progress.map(({ chapter, lab }) => [chapter, lab?.lab ?? null])).toEqual([
      ['a', 'sain'],
      ['b', null],
    ]);
  });

  it('still fails on what is not a content problem (a bug, the database)', async () => {
    const failing = service(async () => {
      throw new Error('connexion perdue');
    });
    await expect(failing.courseProgress('eleve')).rejects.toThrow('connexion perdue');
  });
});
