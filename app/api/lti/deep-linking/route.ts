// The deep-linking URL a platform is given: the same verified launch as /api/lti/launch.
export { POST } from '../launch/route';

export const dynamic = 'force-dynamic';
