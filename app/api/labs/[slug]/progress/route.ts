// The signed-in student's own progress on this lab (where to resume); null for a visitor.
import { route } from '@/server/http/route';
import { labParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const GET = route(labParams, async ({ params, caller, services }) => {
  if (!caller.user) return { progress: null };
  const progress = await services.progress.labProgressOf([caller.user.id], params.slug);
  return { progress: progress.get(caller.user.id) ?? null };
});
