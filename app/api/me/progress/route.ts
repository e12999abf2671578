// The signed-in student's own progress, chapter by chapter (the course outline's badges).
import { route } from '@/server/http/route';
import { noParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const GET = route(noParams, async ({ caller, services }) => ({
  chapters: await services.progress.courseProgress(caller.requireUser().id),
}));
