// The signed-in student's own progress, chapter by chapter (the course outline's badges); none for a visitor.
import { route } from '@/server/http/route';
import { noParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const GET = route(noParams, async ({ caller, services }) => ({
  chapters: caller.user ? await services.progress.courseProgress(caller.user.id) : [],
}));
