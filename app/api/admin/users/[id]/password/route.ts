// An admin gives a user who forgot their password a provisional one, shown once.
import { route } from '@/server/http/route';
import { userParams } from '@/server/http/admin-params';

export const dynamic = 'force-dynamic';

export const POST = route(userParams, async ({ params, caller, services }) => services.users.resetPassword(caller.requireRole('admin'), params.id));
