import { useCallback, useEffect, useState } from 'react';
import type { PausedStorage } from '@/server/sessions/session-pauses';
import type { SessionView } from '@/server/sessions/session-view';
import type { SessionEndedNotice } from '@/server/terminal/events';
import { ApiError } from '../../../_lib/request-json';
import { labApi } from './lab-api';
import { IDLE, restingState, SIGNED_OUT, type LabSessionState, type PausedNotice } from './lab-session-state';
import { usePauseActions } from './use-pause-actions';

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
 * The student's session of one lab. On mount it looks for a running session, else a paused
 * one, which is how a reload finds its sandbox (and its terminal) again. `storage`: what the
 * student's paused labs hold against their quota, as of the latest look.
 */
export function useLabSession(lab: string, onError: (error: unknown) => void) {
  const [state, setState] = useState<LabSessionState>({ phase: 'loading', session: null });
  const [storage, setStorage] = useState<PausedStorage | null>(null);

  useEffect(() => {
    let ignore = false;
    labApi.findSession(lab).then(
      (found) => {
        if (ignore) return;
        setStorage(found.storage);
        setState(restingState(found.session));
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

  /** Shows the session as the server has it now; `notice` says why, should it be paused. */
  const show = useCallback(
    async (notice: PausedNotice | null = null): Promise<LabSessionState> => {
      const found = await labApi.findSession(lab);
      const shown = restingState(found.session, notice);
      setStorage(found.storage);
      setState(shown);
      return shown;
    },
    [lab],
  );

  const start = useCallback(async () => {
    setState({ phase: 'starting', session: null });
    try {
      const { session } = await labApi.startSession(lab);
      setState(restingState(session));
    } catch (error) {
      if (isSignedOut(error)) return setState(SIGNED_OUT);
      setState(IDLE);
      onError(error);
    }
  }, [lab, onError]);

  /** « Terminer le lab », running or paused: its machines and everything on them are deleted. */
  const end = useCallback(
    async (session: SessionView) => {
      setState({ phase: 'ending', session });
      try {
        await labApi.endSession(session.id);
        setState(IDLE);
      } catch (error) {
        // Already gone (ended by the reaper, say): the outcome the student asked for.
        if (error instanceof ApiError && error.status === 404) return setState(IDLE);
        setState(restingState(session));
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

  /**
   * Asks the server again once the countdown reaches zero: the lab was paused (or ended where
   * pausing is off), or extended from another tab.
   */
  const refresh = useCallback(async () => {
    try {
      const shown = await show({ kind: 'time-up' });
      if (shown.phase === 'idle') onError(new SessionExpiredError('lab session expired'));
    } catch (error) {
      onError(error);
    }
  }, [show, onError]);

  /**
   * The server stopped the session without this tab asking. Paused (another tab, the reaper,
   * an instructor): the paused panel, with the server's words why. Restored to a step: the
   * terminal attaches again by itself. Ended: back to « Démarrer », with its reason shown.
   */
  const ended = useCallback(
    (notice: SessionEndedNotice) => {
      if (notice.outcome === 'restored') return;
      if (notice.outcome === 'paused') {
        show({ kind: 'server', message: notice.message }).catch(onError);
        return;
      }
      setState(IDLE);
      onError(new SessionEndedError(notice.message));
    },
    [show, onError],
  );

  const pauses = usePauseActions(setState, show, onError);
  return { state, storage, start, end, extend, reset, refresh, ended, ...pauses };
}
