// « Nouveau code »: replaces the class's join code; the old one stops working.
import { route } from '@/server/http/route';
import { classParams } from '@/server/http/class-params';

export const dynamic = 'force-dynamic';

export const POST = route(classParams, async ({ params, caller, services }) =>
  services.classes.renewCode(caller.requireRole('instructor', 'admin'), params.id),
);
