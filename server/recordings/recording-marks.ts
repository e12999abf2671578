/**
 * The marks of a lab's replay: each check attempt (passed or not, which step), hint and
 * solution shown, pause, resume and restore, from the rows the lab already keeps
 * (CheckAttempt, StepEvent, SessionEvent). Steps are 1-based here, as students see them.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { CastMark } from './asciicast';

export type RecordingMark =
  | { kind: 'check'; step: number; passed: boolean; at: Date }
  | { kind: 'hint'; step: number; hint: number; at: Date }
  | { kind: 'solution'; step: number; at: Date }
  | { kind: 'paused' | 'resumed' | 'restored'; reason: string; step: number | null; at: Date };

export async function recordingMarks(prisma: PrismaClient, sessionId: string): Promise<RecordingMark[]> {
  const [attempts, help, lifecycle] = await Promise.all([
    prisma.checkAttempt.findMany({ where: { sessionId }, select: { step: true, passed: true, createdAt: true } }),
    prisma.stepEvent.findMany({ where: { sessionId, kind: { in: ['hint', 'solution'] } }, select: { step: true, kind: true, hint: true, createdAt: true } }),
    prisma.sessionEvent.findMany({ where: { sessionId }, select: { kind: true, reason: true, step: true, createdAt: true } }),
  ]);
  const marks: RecordingMark[] = [
    ...attempts.map((a): RecordingMark => ({ kind: 'check', step: a.step + 1, passed: a.passed, at: a.createdAt })),
    ...help.map((e): RecordingMark =>
      e.kind === 'hint' ? { kind: 'hint', step: e.step + 1, hint: e.hint + 1, at: e.createdAt } : { kind: 'solution', step: e.step + 1, at: e.createdAt },
    ),
    ...lifecycle.map((e): RecordingMark => ({ kind: e.kind as 'paused' | 'resumed' | 'restored', reason: e.reason, step: e.step === null ? null : e.step + 1, at: e.createdAt })),
  ];
  return marks.sort((a, b) => a.at.getTime() - b.at.getTime());
}

const REASONS: Record<string, string> = { student: "par l'étudiant", lifetime: 'temps écoulé', idle: 'inactivité', instructor: "par l'enseignant" };

/** The mark's label inside the .cast (the grader API's file is in French, as the rest of Dockyard). */
export function castLabel(mark: RecordingMark): string {
  switch (mark.kind) {
    case 'check':
      return `Vérification de l'étape ${mark.step} : ${mark.passed ? 'réussie' : 'échouée'}`;
    case 'hint':
      return `Indice ${mark.hint} de l'étape ${mark.step}`;
    case 'solution':
      return `Solution de l'étape ${mark.step} affichée`;
    case 'paused':
      return `Pause (${REASONS[mark.reason] ?? mark.reason})`;
    case 'resumed':
      return `Reprise (${REASONS[mark.reason] ?? mark.reason})`;
    case 'restored':
      return `Retour à l'étape ${mark.step ?? '?'} (${REASONS[mark.reason] ?? mark.reason})`;
  }
}

export function castMarks(marks: readonly RecordingMark[]): CastMark[] {
  return marks.map((mark) => ({ at: mark.at, label: castLabel(mark) }));
}
