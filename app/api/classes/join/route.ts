// A student joins a class with its code. Attempts are counted per user: codes cannot be guessed by trying.
import { jsonBody, route } from '@/server/http/route';
import { joinClassBody } from '@/server/http/class-params';
import { noParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const POST = route(noParams, async ({ request, caller, services }) => {
  const user = caller.requireUser();
  const { code } = await jsonBody(request, joinClassBody);
  await services.limits.classJoins.take(user.id);
  return { class: await services.classes.join(user, code) };
});
