// « Valider mes réponses »: the server checks the answers, records the attempt, returns the result.
import { jsonBody, route } from '@/server/http/route';
import { quizAttemptBody, quizParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const POST = route(quizParams, async ({ request, params, ownerId, services }) => {
  const { answers } = await jsonBody(request, quizAttemptBody);
  return { result: await services.quizzes.submit(ownerId, params.slug, answers) };
});
