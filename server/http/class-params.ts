/** Inputs of the class routes, validated where they enter. */
import { z } from 'zod';
import { quizParams, slugSchema, userIdSchema } from './params';
import { ASSIGNMENT_KINDS } from '../classes/assignable-content';
import { CONTENT_ID_PATTERN } from '../content/packs/pack-registry';
import { MAX_CLASS_NAME_LENGTH } from '../classes/class-rules';

const classId = z.string().uuid('identifiant de classe invalide');

export const classParams = z.object({ id: classId });
export const memberParams = z.object({ id: classId, userId: userIdSchema });
/** One student's record on one lab of the class (the dashboard's drill-down). */
export const studentLabParams = z.object({ id: classId, userId: userIdSchema, slug: slugSchema });
/** One student's answers to one quiz of the class. */
export const studentQuizParams = z.object({ id: classId, userId: userIdSchema, slug: quizParams.shape.slug });
export const graderTokenParams = z.object({ id: classId, tokenId: z.string().uuid('identifiant de jeton invalide') });
export const graderTokenBody = z.object({
  name: z
    .string({ error: 'Donnez un nom au jeton (par exemple « Moodle »).' })
    .trim()
    .min(1, 'Donnez un nom au jeton (par exemple « Moodle »).')
    .max(60, 'Le nom du jeton tient en 60 caractères au plus.'),
});
/** A student's lab session, seen from a class they belong to (the live view). */
export const supervisedSessionParams = z.object({ id: classId, sessionId: z.string().uuid('identifiant de session invalide') });
export const assignmentParams = z.object({ id: classId, assignmentId: z.string().uuid('identifiant de devoir invalide') });

const className = z
  .string({ error: 'Donnez un nom à la classe.' })
  .trim()
  .min(1, 'Donnez un nom à la classe.')
  .max(MAX_CLASS_NAME_LENGTH, `Le nom tient en ${MAX_CLASS_NAME_LENGTH} caractères au plus.`);

export const createClassBody = z.object({ name: className });

/** One change at a time: a new name, or the class handed over to another instructor. */
export const updateClassBody = z.union([z.strictObject({ name: className }), z.strictObject({ instructorId: userIdSchema })], {
  error: 'Indiquez soit un nouveau nom (name), soit le nouvel enseignant (instructorId).',
});

/** Loose on purpose (case, spaces, dashes): the service normalises it, then checks it. */
export const joinClassBody = z.object({
  code: z.string({ error: 'Saisissez le code de la classe.' }).trim().min(1, 'Saisissez le code de la classe.').max(32, 'Ce code est trop long : il fait 8 caractères.'),
});

export const assignBody = z.object({
  kind: z.enum(ASSIGNMENT_KINDS, { error: 'type de contenu inconnu (lesson, quiz ou lab)' }),
  slug: z.string().regex(CONTENT_ID_PATTERN, 'identifiant de contenu invalide'),
  dueAt: z.iso
    .datetime({ offset: true, error: "date limite invalide : attendue au format ISO 8601 (2027-03-12T18:00:00+01:00)" })
    .nullable()
    .default(null),
});
