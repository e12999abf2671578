// Grader API: the classes this token grants (one: a token is made for one class). See docs/api.md.
import { graderRoute } from '@/server/http/grader-route';
import { noParams } from '@/server/http/params';

export const dynamic = 'force-dynamic';

export const GET = graderRoute(noParams, async ({ grant, services }) => {
  const managed = await services.classes.managedByToken(grant.classroomId);
  return { classes: [{ id: managed.id, name: managed.name, instructor: managed.instructor, students: managed.members.length, assignments: managed.assignments.length }] };
});
