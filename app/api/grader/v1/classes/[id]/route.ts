// Grader API: one class with its assignments (labs, lessons, quizzes, deadlines) and its students. See docs/api.md.
import { classParams } from '@/server/http/class-params';
import { grantedClass, graderRoute } from '@/server/http/grader-route';

export const dynamic = 'force-dynamic';

export const GET = graderRoute(classParams, async ({ params, grant, services }) => {
  const managed = await services.classes.managedByToken(grantedClass(grant, params.id));
  return {
    class: {
      id: managed.id,
      name: managed.name,
      instructor: managed.instructor,
      createdAt: managed.createdAt,
      assignments: managed.assignments,
      students: managed.members,
    },
  };
});
