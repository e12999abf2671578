import { TEACHING_ROLES, type Role } from '@/server/auth/roles';
import type { LabWarning } from '@/server/content/killercoda-support';
import type { Lab } from '@/server/content/lab';
import type { LabAvailability } from '@/server/content/lab-availability';

/**
 * What the lab page shows. Students never read authoring problems (they can do nothing about
 * them); instructors and admins read them, to fix the lab or warn their class.
 */
export type LabPageContent =
  | { kind: 'workspace'; lab: Lab; /** Empty unless the viewer teaches. */ warnings: LabWarning[] }
  | { kind: 'unavailable'; /** Why the lab cannot load; null unless the viewer teaches. */ reason: string | null };

/**
 * `viewerRole` is only asked (a database read) when the lab has something to hide from
 * students: a lab without warnings costs its page nothing more than before.
 */
export async function labPageContent(availability: LabAvailability, viewerRole: () => Promise<Role | null>): Promise<LabPageContent> {
  const hasStaffOnlyDetails = availability.status === 'unavailable' || availability.lab.warnings.length > 0;
  const teaches = hasStaffOnlyDetails && isTeaching(await viewerRole());
  if (availability.status === 'unavailable') return { kind: 'unavailable', reason: teaches ? availability.reason : null };
  return { kind: 'workspace', lab: availability.lab, warnings: teaches ? availability.lab.warnings : [] };
}

function isTeaching(role: Role | null): boolean {
  return role !== null && TEACHING_ROLES.includes(role);
}
