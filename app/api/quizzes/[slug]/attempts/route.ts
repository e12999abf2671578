// « Valider mes réponses »: the server checks the answers, records the attempt, returns the result.
// Open to visitors (their browser owns the attempt); a signed-in user's attempts are theirs.
import { jsonBody, route } from '@/server/http/route';
import { quizAttemptBody, quizParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const POST = route(quizParams, async ({ request, params, caller, services }) => {
  const { answers } = await jsonBody(request, quizAttemptBody);
  const owner = caller.quizOwner();
  return { result: await services.quizzes.submit(owner.id, params.slug, answers, owner.userId) };
});
