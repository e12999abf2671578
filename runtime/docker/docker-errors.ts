/** Turns dockerode/docker-modem failures into the typed errors of runtime/errors.ts. */
import {
  EngineUnavailableError,
  RuntimeError,
  SandboxNotFoundError,
  SandboxNotRunningError,
} from '../errors';

/** Shape of the errors docker-modem rejects with (HTTP status or socket error code). */
interface ModemError {
  statusCode?: number;
  code?: string;
  reason?: string;
  json?: { message?: string } | null;
  message?: string;
}

const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

export function statusOf(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null ? (err as ModemError).statusCode : undefined;
}

export function engineMessage(err: unknown): string {
  if (typeof err !== 'object' || err === null) return String(err);
  const e = err as ModemError;
  return e.json?.message ?? e.reason ?? e.message ?? String(err);
}

/** True for errors meaning "the engine itself is unreachable". */
export function isEngineDown(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as ModemError).code;
  return code !== undefined && SOCKET_ERRORS.has(code) && statusOf(err) === undefined;
}

/**
 * Maps an error from an operation on one sandbox. 404 means the container is gone, 409 that it
 * is stopped or paused (exec on a stopped container).
 */
export function toRuntimeError(err: unknown, sandboxId?: string): RuntimeError {
  if (err instanceof RuntimeError) return err;
  if (isEngineDown(err)) return new EngineUnavailableError(engineMessage(err), err);
  const status = statusOf(err);
  if (sandboxId !== undefined && status === 404) return new SandboxNotFoundError(sandboxId, err);
  if (sandboxId !== undefined && status === 409) return new SandboxNotRunningError(sandboxId, err);
  return new RuntimeError(
    'engine_error',
    'Le moteur Docker a refusé l’opération. Réessayez ; si cela persiste, consultez les journaux du serveur.',
    { detail: engineMessage(err), cause: err },
  );
}
