// One student's answers to one quiz of the class, every attempt (for the class's instructor and admins).
import { studentQuizParams } from '@/server/http/class-params';
import { route } from '@/server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route(studentQuizParams, async ({ params, caller, services }) => ({
  evidence: await services.results.quizEvidence(caller.requireRole('instructor', 'admin'), params.id, params.userId, params.slug),
}));
