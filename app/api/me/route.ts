// Who is signed in, for the header (pages are static; the header asks once it is loaded).
import { route } from '@/server/http/route';
import { noParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const GET = route(noParams, async ({ caller }) => ({ user: caller.user }));
