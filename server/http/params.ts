import { z } from 'zod';
import { CONTENT_ID_PATTERN } from '../content/packs/pack-registry';
import { MAX_CHOICES } from '../content/quiz';

/** A lesson's, lab's or quiz's id: its slug, or `pack.slug` outside the built-in course. */
const slugOf = (what: string) => z.string().regex(CONTENT_ID_PATTERN, `identifiant de ${what} invalide`);
export const slugSchema = slugOf('lab');
export const sessionIdSchema = z.string().uuid('identifiant de session invalide');
/** better-auth's ids: 32 random letters and digits. */
export const userIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'identifiant de personne invalide');

/** Routes without dynamic segments. */
export const noParams = z.object({});
export const labParams = z.object({ slug: slugSchema });
export const sessionParams = z.object({ id: sessionIdSchema });
const stepIndexSchema = z.number().int().min(0).max(200);
export const checkBody = z.object({ step: stepIndexSchema });
/** The page the student opened: a step (0-based) or the conclusion. */
export const visitBody = z.object({ step: z.union([stepIndexSchema, z.literal('finish')]) });
export const hintBody = z.object({ step: stepIndexSchema, hint: z.number().int().min(0).max(50) });
export const solutionBody = z.object({ step: stepIndexSchema });
/** The step (0-based) whose snapshot the lab's machines go back to. */
export const restoreBody = z.object({ step: stepIndexSchema });

export const quizParams = z.object({ slug: slugOf('quiz') });
/** The ticked choice ids by question id; the quiz itself decides which ids exist. */
export const quizAttemptBody = z.object({
  answers: z
    .record(z.string().max(64), z.array(z.string().max(64)).max(MAX_CHOICES))
    .refine((answers) => Object.keys(answers).length <= 100, 'trop de questions'),
});
