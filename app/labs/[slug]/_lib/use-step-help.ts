import { useCallback, useEffect, useState } from 'react';
import type { StepHelpView } from '@/server/sessions/session-view';
import { labApi } from './lab-api';

interface HelpState {
  sessionId: string | null;
  byStep: Partial<Record<number, StepHelpView>>;
  /** The step whose request is in flight, if any. */
  pending: number | null;
}

const byIndex = (views: StepHelpView[]) => Object.fromEntries(views.map((view) => [view.step, view]));

/**
 * The hints and solutions the student revealed in this session. Loaded from the server when
 * a session appears (a reload shows them again); each reveal is recorded there first.
 */
export function useStepHelp(sessionId: string | null, onError: (error: unknown) => void) {
  const [state, setState] = useState<HelpState>({ sessionId: null, byStep: {}, pending: null });
  const current = state.sessionId === sessionId ? state : { sessionId, byStep: {}, pending: null };

  useEffect(() => {
    if (!sessionId) return;
    let ignore = false;
    labApi.listHelp(sessionId).then(
      ({ steps }) => {
        if (!ignore) setState({ sessionId, byStep: byIndex(steps), pending: null });
      },
      (error: unknown) => {
        if (!ignore) onError(error);
      },
    );
    return () => {
      ignore = true;
    };
  }, [sessionId, onError]);

  const reveal = useCallback(
    async (step: number, request: () => Promise<{ help: StepHelpView }>) => {
      if (!sessionId) return;
      const update = (change: (previous: HelpState) => Partial<HelpState>) =>
        setState((previous) => {
          const base = previous.sessionId === sessionId ? previous : { sessionId, byStep: {}, pending: null };
          return { ...base, ...change(base) };
        });
      update(() => ({ pending: step }));
      try {
        const { help } = await request();
        update((previous) => ({ byStep: { ...previous.byStep, [step]: help }, pending: null }));
      } catch (error) {
        update(() => ({ pending: null }));
        onError(error);
      }
    },
    [sessionId, onError],
  );

  /** « Indice »: the next hint of the step, after those already shown. */
  const revealHint = useCallback(
    (step: number, shown: number) => (sessionId ? reveal(step, () => labApi.revealHint(sessionId, step, shown)) : Promise.resolve()),
    [sessionId, reveal],
  );

  const revealSolution = useCallback(
    (step: number) => (sessionId ? reveal(step, () => labApi.revealSolution(sessionId, step)) : Promise.resolve()),
    [sessionId, reveal],
  );

  return { byStep: current.byStep, pendingStep: current.pending, revealHint, revealSolution };
}
