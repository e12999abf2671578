// The caller's last score at a quiz, shown when they come back to the lesson (null: never tried).
import { route } from '@/server/http/route';
import { quizParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const GET = route(quizParams, async ({ params, caller, services }) => ({
  attempt: await services.quizzes.lastScore(caller.quizOwner().id, params.slug),
}));
