import type { LabProgressView } from '@/server/progress/progress-views';
import type { PausedStorage } from '@/server/sessions/session-pauses';
import type { AttemptView, SessionView, StepHelpView } from '@/server/sessions/session-view';
import { requestJson } from '../../../_lib/request-json';

const jsonPost = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** A change of the session's machines (pause, resume, restore): the session as it is afterwards. */
const sessionAction = (sessionId: string, action: string, init: RequestInit = { method: 'POST' }) =>
  requestJson<{ session: SessionView }>(`/api/sessions/${encodeURIComponent(sessionId)}/${action}`, init);

/** The lab session API, as served by app/api (see server/sessions for its behaviour). */
export const labApi = {
  /** The running session of the lab, else the paused one, with what the student's paused labs hold. */
  findSession: (lab: string) =>
    requestJson<{ session: SessionView | null; storage: PausedStorage }>(`/api/labs/${encodeURIComponent(lab)}/session`),

  /** The signed-in student's progress over all their sessions of this lab (null for a visitor). */
  progress: (lab: string) =>
    requestJson<{ progress: LabProgressView | null }>(`/api/labs/${encodeURIComponent(lab)}/progress`),

  startSession: (lab: string) =>
    requestJson<{ session: SessionView }>(`/api/labs/${encodeURIComponent(lab)}/session`, { method: 'POST' }),

  endSession: (sessionId: string) =>
    requestJson<unknown>(`/api/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' }),

  extendSession: (sessionId: string) => sessionAction(sessionId, 'extend'),

  resetSession: (sessionId: string) => sessionAction(sessionId, 'reset'),

  /** « Mettre en pause »: answers once the machines are stopped (a few seconds). */
  pauseSession: (sessionId: string) => sessionAction(sessionId, 'pause'),

  /** « Reprendre »: answers once the machines run again (a few seconds). */
  resumeSession: (sessionId: string) => sessionAction(sessionId, 'resume'),

  /** « Revenir à l'étape N » (`step` 0-based): answers once the machines are back as they were then. */
  restoreSession: (sessionId: string, step: number) => sessionAction(sessionId, 'restore', jsonPost({ step })),

  checkStep: (sessionId: string, step: number) =>
    requestJson<{ attempt: AttemptView }>(`/api/sessions/${encodeURIComponent(sessionId)}/checks`, jsonPost({ step })),

  /** The student opened a step or the conclusion: the server starts its scripts, once. */
  visitPage: (sessionId: string, step: number | 'finish') =>
    requestJson<unknown>(`/api/sessions/${encodeURIComponent(sessionId)}/visits`, jsonPost({ step })),

  listHelp: (sessionId: string) =>
    requestJson<{ steps: StepHelpView[] }>(`/api/sessions/${encodeURIComponent(sessionId)}/help`),

  revealHint: (sessionId: string, step: number, hint: number) =>
    requestJson<{ help: StepHelpView }>(`/api/sessions/${encodeURIComponent(sessionId)}/help/hints`, jsonPost({ step, hint })),

  revealSolution: (sessionId: string, step: number) =>
    requestJson<{ help: StepHelpView }>(`/api/sessions/${encodeURIComponent(sessionId)}/help/solution`, jsonPost({ step })),
};
