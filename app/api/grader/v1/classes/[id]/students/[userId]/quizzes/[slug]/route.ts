// Grader API: one student's answers to one quiz, every attempt. See docs/api.md.
import { studentQuizParams } from '@/server/http/class-params';
import { grantedClass, graderRoute } from '@/server/http/grader-route';

export const dynamic = 'force-dynamic';

export const GET = graderRoute(studentQuizParams, async ({ params, grant, services }) => ({
  evidence: await services.results.quizEvidenceByToken(grantedClass(grant, params.id), params.userId, params.slug),
}));
