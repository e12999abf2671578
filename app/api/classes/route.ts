// « Mes classes »: GET lists the classes the caller teaches and joined; POST creates one (instructors).
import { jsonBody, route } from '@/server/http/route';
import { createClassBody } from '@/server/http/class-params';
import { noParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const GET = route(noParams, async ({ caller, services }) => {
  const user = caller.requireUser();
  return { taught: await services.classes.listTaught(user), joined: await services.classes.listJoined(user) };
});

export const POST = route(noParams, async ({ request, caller, services }) => {
  const user = caller.requireRole('instructor', 'admin');
  const { name } = await jsonBody(request, createClassBody);
  return { class: await services.classes.create(user, name) };
});
