// A class as its instructor sets it up, through the real routes: created, joined by its
// students with its code, given its assignments.
import { POST as createRoute } from '@/app/api/classes/route';
import { GET as viewRoute } from '@/app/api/classes/[id]/route';
import { POST as assignRoute } from '@/app/api/classes/[id]/assignments/route';
import { POST as joinRoute } from '@/app/api/classes/join/route';
import type { Person, Platform } from '../platform-fixture';

export interface ClassSetup {
  name: string;
  teacher: Person;
  students: Person[];
  /** Bodies of POST /api/classes/{id}/assignments, e.g. `{ kind: 'lab', slug: 'premiers-pas', dueAt: null }`. */
  assignments: object[];
}

type SignUpOptions = NonNullable<Parameters<Platform['signUp']>[0]>;

/**
 * Signs these people up one at a time (password hashing in parallel can outlast
 * better-auth's transaction on a busy machine), each under its key.
 */
export async function signUpInTurn<K extends string>(platform: Platform, people: Record<K, SignUpOptions>): Promise<Record<K, Person>> {
  const signedUp = {} as Record<K, Person>;
  for (const key of Object.keys(people) as K[]) signedUp[key] = await platform.signUp(people[key]);
  return signedUp;
}

/** Returns the class's id. */
export async function setUpClass(platform: Platform, { name, teacher, students, assignments }: ClassSetup): Promise<string> {
  const created = await platform.call(createRoute, '/api/classes', { as: teacher, body: { name } });
  const classId: string = (await created.json()).class.id;
  const viewed = await platform.call(viewRoute, `/api/classes/${classId}`, { as: teacher, params: { id: classId } });
  const { joinCode } = (await viewed.json()).view.managed;
  for (const student of students) await platform.call(joinRoute, '/api/classes/join', { as: student, body: { code: joinCode } });
  for (const body of assignments) await assign(platform, teacher, classId, body);
  return classId;
}

export function assign(platform: Platform, teacher: Person, classId: string, body: object): Promise<Response> {
  return platform.call(assignRoute, `/api/classes/${classId}/assignments`, { as: teacher, body, params: { id: classId } });
}
