// The dashboard's drill-down: one student's sessions, attempts with outputs, hints and solutions on one lab.
import { route } from '@/server/http/route';
import { studentLabParams } from '@/server/http/class-params';

export const dynamic = 'force-dynamic';

export const GET = route(studentLabParams, async ({ params, caller, services }) => ({
  evidence: await services.results.labEvidence(caller.requireRole('instructor', 'admin'), params.id, params.userId, params.slug),
}));
