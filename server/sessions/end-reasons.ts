/**
 * Why a lab session ended (LabSession.endReason), and what the student is told when it ended
 * without them asking: the terminal shows it at once (terminal/gateway.ts), whichever web
 * server they are connected to.
 */
import type { SandboxStatus } from '../../runtime/driver';

export type EndReason =
  | 'finished'
  | 'expired'
  | 'idle'
  | 'lost'
  | 'machine-down'
  | 'maintenance'
  | 'failed'
  | 'disabled'
  | 'reset'
  /** A paused lab kept past the operator's days, or past its student's storage quota (session-pauses.ts). */
  | 'retention'
  | 'quota';

const RESTART = 'Relancez le lab : il démarrera sur une machine disponible (ce qui était dans l’ancienne est perdu).';

const MESSAGES: Partial<Record<string, string>> = {
  expired: 'Le temps de ce lab est écoulé : la session est terminée.',
  idle: 'Ce lab est resté inactif trop longtemps : la session a été terminée pour libérer la place.',
  lost: `La machine de ce lab s’est arrêtée. ${RESTART}`,
  'machine-down': `Le serveur qui faisait tourner ce lab ne répond plus : la session est terminée. ${RESTART}`,
  maintenance: `Le serveur qui faisait tourner ce lab a été mis en maintenance : la session est terminée. ${RESTART}`,
  disabled: 'Votre compte a été désactivé : la session est terminée.',
  // Not an end: the lab's machines stopped, everything on them kept (session-pauses.ts).
  'paused-student': 'Lab mis en pause : ses machines sont arrêtées, tout y est gardé. « Reprendre » les relance.',
  'paused-lifetime': 'Le temps de ce lab est écoulé : il a été mis en pause, tout y est gardé. « Reprendre » le relance.',
  'paused-idle': 'Ce lab est resté inactif trop longtemps : il a été mis en pause, tout y est gardé. « Reprendre » le relance.',
  'paused-instructor': 'Votre enseignant a mis ce lab en pause : tout y est gardé. « Reprendre » le relance.',
  restored: 'Les machines de ce lab reviennent à une étape passée : le terminal se reconnecte dans un instant.',
};

/** What the student reads when their session ends without them asking (nothing otherwise). */
export function endedMessage(reason: string): string | undefined {
  return MESSAGES[reason];
}

/**
 * Whether a running session's nodes, as the driver sees them, mean it is over, and why.
 * A node whose machine does not answer yet (`unreachable`) ends nothing: the runtime decides
 * when a machine is down.
 */
export function endReasonOfNodes(statuses: Array<SandboxStatus | undefined>): Extract<EndReason, 'machine-down' | 'maintenance' | 'lost'> | null {
  if (statuses.includes('machine-down')) return 'machine-down';
  if (statuses.includes('maintenance')) return 'maintenance';
  if (statuses.some((status) => status === undefined || status === 'stopped')) return 'lost';
  return null;
}
