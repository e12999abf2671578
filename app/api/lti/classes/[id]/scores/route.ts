// The class's scores on their way to the LMS (sent, or waiting with the platform's last answer).
import { classParams } from '@/server/http/class-params';
import { route } from '@/server/http/route';

export const dynamic = 'force-dynamic';

export const GET = route(classParams, async ({ params, caller, services }) => ({
  scores: await services.lti.grades.classStatus(caller.requireRole('instructor', 'admin'), params.id),
}));
