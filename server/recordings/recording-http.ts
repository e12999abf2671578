/** What the recording routes accept (validated where it enters) and how they answer a .cast. */
import { z } from 'zod';
import { ASCIICAST_CONTENT_TYPE } from './asciicast';

/** ?node=<name>: which machine's terminal (the first recorded one otherwise). */
export const recordingQuery = z.object({
  node: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'nom de machine invalide (celui du lab : lettres minuscules, chiffres, tirets)').optional(),
});

/** ?sessions=<id>,<id>…: the sessions of a drill-down (at most 50 are listed there). */
export const recordedQuery = z.object({
  sessions: z
    .string({ error: 'indiquez les sessions (sessions=<id>,<id>…)' })
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.string().uuid('identifiant de session invalide')).max(50, '50 sessions au plus par demande')),
});

export function castResponse(cast: string, sessionId: string, node: string | undefined): Response {
  return new Response(cast, {
    headers: {
      'content-type': `${ASCIICAST_CONTENT_TYPE}; charset=utf-8`,
      'content-disposition': `attachment; filename="session-${sessionId}${node ? `-${node}` : ''}.cast"`,
      // What a student typed: never kept by a shared cache.
      'cache-control': 'private, no-store',
    },
  });
}
