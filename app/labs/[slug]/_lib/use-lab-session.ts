import { useCallback, useEffect, useState } from 'react';
import type { SessionView } from '@/server/sessions/session-view';
import { ApiError } from '../../../_lib/request-json';
import { labApi } from './lab-api';

/**
 * loading: asking the server for a running session; starting/ending: a request is in flight;
 * signed-out: labs need an account here (the server answered 401).
 */
export type LabPhase = 'loading' | 'idle' | 'signed-out' | 'starting' | 'running' | 'ending';

type LabSessionState =
  | { phase: 'loading' | 'idle' | 'signed-out' | 'starting'; session: null }
  | { phase: 'running' | 'ending'; session: SessionView };

const IDLE: LabSessionState = { phase: 'idle', session: null };
const SIGNED_OUT: LabSessionState = { phase: 'signed-out', session: null };

/** No account (or signed out since): the panel offers « Se connecter » instead of an error. */
const isSignedOut = (error: unknown) => error instanceof ApiError && error.status === 401;

/** The countdown reached zero and the server confirms the session is over (the page words it). */
export class SessionExpiredError extends Error {
  override name = 'SessionExpiredError';
}

/** The server ended the session on its own (its machine went down…); the message is the server's, in French. */
export class SessionEndedError extends Error {
  override name = 'SessionEndedError';
}

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
        if (isSignedOut(error)) return setState(SIGNED_OUT);
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
      if (isSignedOut(error)) return setState(SIGNED_OUT);
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

  /** « Prolonger »: the same session (same terminal), with a later expiry. */
  const extend = useCallback(
    async (session: SessionView) => {
      try {
        const { session: extended } = await labApi.extendSession(session.id);
        setState((current) => (current.session?.id === extended.id ? { phase: 'running', session: extended } : current));
      } catch (error) {
        onError(error);
      }
    },
    [onError],
  );

  /** « Réinitialiser »: a new session with a new machine; the terminal attaches to it. */
  const reset = useCallback(
    async (session: SessionView) => {
      setState({ phase: 'starting', session: null });
      try {
        const { session: fresh } = await labApi.resetSession(session.id);
        setState({ phase: 'running', session: fresh });
      } catch (error) {
        // The old session is gone whatever happened (or was already): start afresh by hand.
        setState(IDLE);
        onError(error);
      }
    },
    [onError],
  );

  /** Asks the server again once the countdown reaches zero: the session is over, or was extended elsewhere. */
  const refresh = useCallback(async () => {
    try {
      const { session: current } = await labApi.findSession(lab);
      if (current?.state === 'running') return setState({ phase: 'running', session: current });
      setState(IDLE);
      onError(new SessionExpiredError('lab session expired'));
    } catch (error) {
      onError(error);
    }
  }, [lab, onError]);

  /** The server says the session is over: back to « Démarrer », with its reason shown. */
  const ended = useCallback(
    (message: string) => {
      setState(IDLE);
      onError(new SessionEndedError(message));
    },
    [onError],
  );

  return { ...state, start, end, extend, reset, refresh, ended };
}
