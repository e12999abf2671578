// The signed-in student's own progress, chapter by chapter (the course outline's badges), and
// their paused labs (« En pause depuis … — Reprendre »); none for a visitor.
import { route } from '@/server/http/route';
import { noParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const GET = route(noParams, async ({ caller, services }) => {
  if (!caller.user) return { chapters: [], paused: [] };
  const [chapters, storage] = await Promise.all([
    services.progress.courseProgress(caller.user.id),
    services.sessions.pausedStorage(caller.user.id),
  ]);
  return { chapters, paused: storage.labs };
});
