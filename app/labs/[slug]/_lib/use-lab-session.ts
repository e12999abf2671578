import { useCallback, useEffect, useState } from 'react';
import type { SessionView } from '@/server/sessions/session-view';
import { ApiError } from '../../../_lib/request-json';
import { labApi } from './lab-api';

/** loading: asking the server for a running session; starting/ending: a request is in flight. */
export type LabPhase = 'loading' | 'idle' | 'starting' | 'running' | 'ending';

type LabSessionState =
  | { phase: 'loading' | 'idle' | 'starting'; session: null }
  | { phase: 'running' | 'ending'; session: SessionView };

const IDLE: LabSessionState = { phase: 'idle', session: null };

/**
 * The student's session of one lab. On mount it looks for a running session, which is how a
 * reload finds its sandbox (and its terminal) again.
 */
export function useLabSession(lab: string, onError: (error: unknown) => void) {
  const [state, setState] = useState<LabSessionState>({ phase: 'loading', session: null });

  useEffect(() => {
    let ignore = false;
    labApi.findSession(lab).then(
      ({ session }) => {
        if (!ignore) setState(session?.state === 'running' ? { phase: 'running', session } : IDLE);
      },
      (error: unknown) => {
        if (ignore) return;
        setState(IDLE);
        onError(error);
      },
    );
    return () => {
      ignore = true;
    };
  }, [lab, onError]);

  const start = useCallback(async () => {
    setState({ phase: 'starting', session: null });
    try {
      const { session } = await labApi.startSession(lab);
      setState({ phase: 'running', session });
    } catch (error) {
      setState(IDLE);
      onError(error);
    }
  }, [lab, onError]);

  const end = useCallback(
    async (session: SessionView) => {
      setState({ phase: 'ending', session });
      try {
        await labApi.endSession(session.id);
        setState(IDLE);
      } catch (error) {
        // Already gone (ended by the reaper, say): the outcome the student asked for.
        if (error instanceof ApiError && error.status === 404) return setState(IDLE);
        setState({ phase: 'running', session });
        onError(error);
      }
    },
    [onError],
  );

  return { ...state, start, end };
}
