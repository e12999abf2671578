// The instructor's « Synchroniser avec le cours » button: the class's members from the LMS (NRPS).
import { classParams } from '@/server/http/class-params';
import { route } from '@/server/http/route';

export const dynamic = 'force-dynamic';

export const POST = route(classParams, async ({ params, caller, services }) => services.lti.roster.sync(caller.requireRole('instructor', 'admin'), params.id));
