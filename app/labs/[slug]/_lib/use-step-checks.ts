import { useCallback, useState } from 'react';
import type { AttemptView } from '@/server/sessions/session-view';
import { labApi } from './lab-api';

export type StepCheck = { status: 'checking' } | { status: 'done'; attempt: AttemptView };

interface ChecksState {
  sessionId: string | null;
  byStep: Partial<Record<number, StepCheck>>;
}

/**
 * The latest check of each step. Results belong to one session: a new session starts with a
 * clean slate, which is derived here rather than reset by an effect.
 */
export function useStepChecks(sessionId: string | null, onError: (error: unknown) => void) {
  const [state, setState] = useState<ChecksState>({ sessionId: null, byStep: {} });
  const byStep = state.sessionId === sessionId ? state.byStep : {};

  /** Resolves to the attempt (undefined when the check could not run). */
  const check = useCallback(
    async (step: number): Promise<AttemptView | undefined> => {
      if (!sessionId) return undefined;
      const record = (value: StepCheck | undefined) =>
        setState((previous) => ({
          sessionId,
          byStep: { ...(previous.sessionId === sessionId ? previous.byStep : {}), [step]: value },
        }));
      record({ status: 'checking' });
      try {
        const { attempt } = await labApi.checkStep(sessionId, step);
        record({ status: 'done', attempt });
        return attempt;
      } catch (error) {
        record(undefined);
        onError(error);
        return undefined;
      }
    },
    [sessionId, onError],
  );

  return { byStep, check };
}
