// Dockyard's public keys (current and previous), which platforms verify its signatures with.
import { route } from '@/server/http/route';
import { noParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const GET = route(noParams, async ({ services }) => services.lti.keys.jwks());
