import type { AssignmentKind } from '@/server/classes/assignable-content';
import { requestJson } from '../../_lib/request-json';

const send = <T>(method: string, url: string, body?: unknown) =>
  requestJson<T>(url, {
    method,
    ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });

const classUrl = (classId: string) => `/api/classes/${encodeURIComponent(classId)}`;

/** The class API, as served by app/api/classes (rules in server/classes/class-service.ts). */
export const classesApi = {
  create: (name: string) => send<{ class: { id: string } }>('POST', '/api/classes', { name }),
  join: (code: string) => send<{ class: { id: string; name: string } }>('POST', '/api/classes/join', { code }),
  leave: (classId: string) => send('DELETE', `${classUrl(classId)}/membership`),
  remove: (classId: string) => send('DELETE', classUrl(classId)),
  renewCode: (classId: string) => send<{ joinCode: string }>('POST', `${classUrl(classId)}/code`),
  assign: (classId: string, input: { kind: AssignmentKind; slug: string; dueAt: string | null }) =>
    send('POST', `${classUrl(classId)}/assignments`, input),
  unassign: (classId: string, assignmentId: string) =>
    send('DELETE', `${classUrl(classId)}/assignments/${encodeURIComponent(assignmentId)}`),
  removeMember: (classId: string, userId: string) =>
    send('DELETE', `${classUrl(classId)}/members/${encodeURIComponent(userId)}`),
  createToken: (classId: string, name: string) => send<{ token: string }>('POST', `${classUrl(classId)}/tokens`, { name }),
  revokeToken: (classId: string, tokenId: string) => send('DELETE', `${classUrl(classId)}/tokens/${encodeURIComponent(tokenId)}`),
  /** A student's lab machines back to a step they passed (0-based). */
  restoreStep: (classId: string, sessionId: string, step: number) =>
    send('POST', `${classUrl(classId)}/sessions/${encodeURIComponent(sessionId)}/restore`, { step }),
};
