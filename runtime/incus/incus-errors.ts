/** Turns Incus API failures into the typed errors of runtime/errors.ts. */
import { EngineUnavailableError, RuntimeError, SandboxNotFoundError, SandboxNotRunningError } from '../errors';
import { IncusApiError } from './incus-client';

const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

export function statusOf(err: unknown): number | undefined {
  return err instanceof IncusApiError ? err.status : undefined;
}

export function incusMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function isNotFound(err: unknown): boolean {
  return statusOf(err) === 404;
}

/** Maps an error from an operation (on one sandbox when `sandboxId` is given). */
export function toRuntimeError(err: unknown, sandboxId?: string): RuntimeError {
  if (err instanceof RuntimeError) return err;
  if (err instanceof IncusApiError && err.socketCode !== undefined && SOCKET_ERRORS.has(err.socketCode)) {
    return new EngineUnavailableError(err.message, err);
  }
  if (sandboxId !== undefined && isNotFound(err)) return new SandboxNotFoundError(sandboxId, err);
  // Incus answers 400 "Instance is not running" to an exec in a stopped container.
  if (sandboxId !== undefined && /not running/i.test(incusMessage(err))) return new SandboxNotRunningError(sandboxId, err);
  return new RuntimeError(
    'engine_error',
    'Incus a refusé l’opération. Réessayez ; si cela persiste, consultez les journaux du serveur.',
    { detail: incusMessage(err), cause: err },
  );
}
