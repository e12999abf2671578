import { useCallback, type Dispatch, type SetStateAction } from 'react';
import type { SessionView } from '@/server/sessions/session-view';
import { labApi } from './lab-api';
import { restingState, withRestorableStep, type LabSessionState, type PausedNotice } from './lab-session-state';

/**
 * « Mettre en pause », « Reprendre » and « Revenir à l'étape N »: each takes a few seconds
 * (the machines' engines stop or start), shown as a phase of its own meanwhile. After a
 * failure the page shows what the server has (the machines may have changed all the same).
 */
export function usePauseActions(
  setState: Dispatch<SetStateAction<LabSessionState>>,
  show: (notice?: PausedNotice | null) => Promise<LabSessionState>,
  onError: (error: unknown) => void,
) {
  const failed = useCallback(
    (error: unknown, before: LabSessionState) => {
      onError(error);
      show().catch(() => setState(before));
    },
    [show, setState, onError],
  );

  const pause = useCallback(
    async (session: SessionView) => {
      setState({ phase: 'pausing', session });
      try {
        await labApi.pauseSession(session.id);
        // Asked again for the storage: what the stopped machines hold is counted by now.
        await show();
      } catch (error) {
        failed(error, { phase: 'running', session });
      }
    },
    [setState, show, failed],
  );

  const resume = useCallback(
    async (session: SessionView) => {
      setState({ phase: 'resuming', session });
      try {
        const { session: resumed } = await labApi.resumeSession(session.id);
        setState(restingState(resumed));
      } catch (error) {
        failed(error, { phase: 'paused', session, notice: null });
      }
    },
    [setState, failed],
  );

  /** `step` is 0-based; the terminal opens again once the machines are back. */
  const restore = useCallback(
    async (session: SessionView, step: number) => {
      setState({ phase: 'restoring', session, step });
      try {
        const { session: restored } = await labApi.restoreSession(session.id, step);
        setState(restingState(restored));
      } catch (error) {
        failed(error, { phase: 'running', session });
      }
    },
    [setState, failed],
  );

  /** A check passed: the machines can go back to that step from now on. */
  const notePassed = useCallback(
    (sessionId: string, step: number) =>
      setState((current) =>
        current.phase === 'running' && current.session.id === sessionId
          ? { ...current, session: withRestorableStep(current.session, step) }
          : current,
      ),
    [setState],
  );

  return { pause, resume, restore, notePassed };
}
