/**
 * Typed errors of every sandbox driver. `message` is French and says what to do, so the
 * server can show it as is; `code` is stable, for code that must branch on the kind;
 * `detail` carries the engine's own words (logs, API message) for operators.
 */

export type RuntimeErrorCode =
  | 'engine_unavailable'
  | 'image_missing'
  | 'sandbox_not_found'
  | 'sandbox_not_running'
  | 'sandbox_start_failed'
  | 'conflict'
  | 'timeout'
  | 'engine_error';

export class RuntimeError extends Error {
  readonly code: RuntimeErrorCode;
  readonly detail?: string;

  constructor(code: RuntimeErrorCode, message: string, options: { detail?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options.detail !== undefined) this.detail = options.detail;
  }
}

/** The sandbox engine does not answer (daemon stopped, socket missing or not allowed). */
export class EngineUnavailableError extends RuntimeError {
  constructor(detail?: string, cause?: unknown) {
    super(
      'engine_unavailable',
      'Le moteur des bacs à sable (Incus) ne répond pas : lancez ./dockyard start (il démarre incusd), puis réessayez.',
      { detail, cause },
    );
  }
}

/** A sandbox or infrastructure image is missing: images are built locally, never pulled. */
export class ImageMissingError extends RuntimeError {
  readonly image: string;
  constructor(image: string, cause?: unknown) {
    super(
      'image_missing',
      `L'image ${image} est absente : construisez les images avec « bash runtime/images/build-all.sh ».`,
      { cause },
    );
    this.image = image;
  }
}

export class SandboxNotFoundError extends RuntimeError {
  readonly sandboxId: string;
  constructor(sandboxId: string, cause?: unknown) {
    super(
      'sandbox_not_found',
      `Le bac à sable ${shortId(sandboxId)} n'existe plus : relancez le lab pour en obtenir un nouveau.`,
      { cause },
    );
    this.sandboxId = sandboxId;
  }
}

export class SandboxNotRunningError extends RuntimeError {
  readonly sandboxId: string;
  constructor(sandboxId: string, cause?: unknown) {
    super(
      'sandbox_not_running',
      `Le bac à sable ${shortId(sandboxId)} est arrêté : relancez le lab pour le redémarrer.`,
      { cause },
    );
    this.sandboxId = sandboxId;
  }
}

/** The sandbox was created but never became ready (inner engine silent, container exited). */
export class SandboxStartError extends RuntimeError {
  constructor(detail: string, cause?: unknown) {
    super(
      'sandbox_start_failed',
      "Le bac à sable n'a pas démarré correctement. Réessayez ; si cela persiste, consultez les journaux du serveur.",
      { detail, cause },
    );
  }
}

/** A stopped sandbox cannot start again for now: its machine is down, or no machine online may take it. */
export class MachineUnavailableError extends RuntimeError {
  constructor(detail: string) {
    super(
      'engine_unavailable',
      "Le serveur qui garde ce lab ne peut pas le reprendre pour l'instant, et aucun autre ne peut le prendre : réessayez plus tard, rien n'est perdu.",
      { detail },
    );
  }
}

export class RuntimeTimeoutError extends RuntimeError {
  readonly timeoutMs: number;
  /** What the command printed before it was stopped. */
  readonly partialOutput: string;
  constructor(what: string, timeoutMs: number, partialOutput = '') {
    super(
      'timeout',
      `${what} a dépassé le délai de ${Math.round(timeoutMs / 100) / 10} s et a été arrêté.`,
    );
    this.timeoutMs = timeoutMs;
    this.partialOutput = partialOutput;
  }
}

function shortId(id: string): string {
  return /^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id;
}
