/**
 * A live view lasts only as long as the right to it. The right is checked when the watch
 * starts (SupervisionService), then asked again every few seconds while it runs: meanwhile
 * the instructor may lose the role, be disabled or signed out, the student may leave or be
 * removed from the class, the class may be deleted, the session may end.
 *
 * Why re-checking rather than events from the services: the right rests on rows that many
 * paths change (an admin's role and disable actions, sign-out and password reset in
 * better-auth, rosters and class deletion, a session's end or expiry by the reaper), and one
 * loss has no event at all (the instructor's sign-in expiring). Events would need a hook in
 * each of those services and one more for every path added later; asking the very question
 * the watch start asked keeps one rule, with nothing to wire or forget. It costs about three
 * indexed lookups per open view every 5 s (an instructor opens a few), and a view outlives
 * its right by at most that period.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { CallerResolver } from '../auth/caller-resolver';
import type { SupervisionService } from './supervision-service';

export const RECHECK_EVERY_MS = 5_000;

export const WATCH_STOPPED =
  "Le direct s'est arrêté : vous ne pouvez plus suivre ce terminal (la session de lab est terminée, l'étudiant a quitté la classe ou la classe a été supprimée, ou votre rôle ou votre compte a changé). Revenez au tableau de bord de la classe.";

export interface LiveViewGuardDeps {
  callers: Pick<CallerResolver, 'resolve'>;
  supervision: Pick<SupervisionService, 'supervisedOwner'>;
}

/**
 * Re-checks, every RECHECK_EVERY_MS, that whoever the socket's cookies name now still
 * supervises the session; the first time not (or when the check fails), calls `onStop` once,
 * with the error if there was one. Returns the function that stops re-checking.
 */
export function guardLiveView(
  deps: LiveViewGuardDeps,
  watch: { headers: IncomingHttpHeaders; sessionId: string },
  onStop: (error?: unknown) => void,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const stop = (error?: unknown) => {
    if (stopped) return;
    stopped = true;
    onStop(error);
  };
  const stillAllowed = async () => {
    // The cookies again, not the user the socket connected as: role and account as they are now.
    const { user } = await deps.callers.resolve(watch.headers);
    return user !== null && (await deps.supervision.supervisedOwner(user, watch.sessionId)) !== null;
  };
  // One check at a time: the next is scheduled once the previous answered.
  const schedule = () => {
    timer = setTimeout(() => {
      stillAllowed().then((allowed) => {
        if (!allowed) stop();
        else if (!stopped) schedule();
      }, stop);
    }, RECHECK_EVERY_MS);
    timer.unref();
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
