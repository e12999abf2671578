// better-auth: sign-up, sign-in, sign-out, session (see server/auth/better-auth.ts). Its
// errors come back in Dockyard's envelope, in French.
import { handleAuthRequest } from '@/server/auth/auth-handler';
import { getServices } from '@/server/services';

export const dynamic = 'force-dynamic';

const handle = (request: Request) => handleAuthRequest(getServices().auth, request);

export const GET = handle;
export const POST = handle;
