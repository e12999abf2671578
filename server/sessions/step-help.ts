/**
 * « Indice » and « Voir la solution ». Hints and solutions stay on the server until the
 * student asks for them, and each request is recorded (StepEvent) before it is answered, so
 * graders see who used which help; the page shows a revealed solution on its step. Hints come
 * one at a time, in the author's order. Help belongs to a running session, like checks.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import { ConflictError, NotFoundError } from '../errors';
import { KeyedLock } from './keyed-lock';
import type { SessionService } from './session-service';
import type { SolutionView, StepHelpView } from './session-view';

/** The part of a lab help needs (server/content provides it): rendered hints and solutions. */
export interface HelpSpec {
  steps: Array<{
    index: number;
    hints: string[];
    solution: Array<{ nodes: string[]; html: string }> | null;
  }>;
}

export interface StepHelpDeps {
  prisma: PrismaClient;
  sessions: SessionService;
  findLab: (slug: string, version?: string | null) => Promise<HelpSpec | null>;
}

type HelpEvent = { step: number; kind: string; hint: number; createdAt: Date };

export class StepHelpService {
  /** One request at a time per session: « one by one » is checked against what is recorded. */
  private readonly lock = new KeyedLock();

  constructor(private readonly deps: StepHelpDeps) {}

  /** What the student has already revealed, for every step (a reload shows it again). */
  async list(ownerId: string, sessionId: string): Promise<StepHelpView[]> {
    const { lab } = await this.runningLab(ownerId, sessionId);
    const events = await this.events(sessionId);
    return lab.steps.map((step) => this.view(step, events));
  }

  /** Shows hint number `hint` (0-based) of a step, once those before it are shown. */
  async revealHint(ownerId: string, sessionId: string, stepIndex: number, hint: number): Promise<StepHelpView> {
    const { lab } = await this.runningLab(ownerId, sessionId);
    const step = this.requireStep(lab, stepIndex);
    if (step.hints.length === 0) throw new NotFoundError("Cette étape n'a pas d'indice.");
    if (hint >= step.hints.length) {
      throw new NotFoundError(`Cette étape n'a que ${step.hints.length === 1 ? 'un indice' : `${step.hints.length} indices`}.`);
    }
    return this.lock.run(sessionId, async () => {
      const shown = (await this.events(sessionId)).filter((e) => e.step === stepIndex && e.kind === 'hint').length;
      if (hint > shown) {
        throw new ConflictError(`Affichez d'abord l'indice ${shown + 1} : les indices se découvrent un par un.`);
      }
      await this.record(sessionId, stepIndex, 'hint', hint);
      return this.view(step, await this.events(sessionId));
    });
  }

  /** Reveals a step's solution (the page asks for a confirmation first). */
  async revealSolution(ownerId: string, sessionId: string, stepIndex: number): Promise<StepHelpView> {
    const { lab } = await this.runningLab(ownerId, sessionId);
    const step = this.requireStep(lab, stepIndex);
    if (!step.solution) throw new NotFoundError("Cette étape n'a pas de solution écrite.");
    return this.lock.run(sessionId, async () => {
      await this.record(sessionId, stepIndex, 'solution', 0);
      return this.view(step, await this.events(sessionId));
    });
  }

  private async runningLab(ownerId: string, sessionId: string) {
    const session = await this.deps.sessions.runningSession(ownerId, sessionId);
    const lab = await this.deps.findLab(session.lab, session.contentVersion);
    if (!lab) throw new NotFoundError(`Le lab « ${session.lab} » n'existe plus.`);
    return { session, lab };
  }

  private requireStep(lab: HelpSpec, index: number): HelpSpec['steps'][number] {
    const step = lab.steps.find((candidate) => candidate.index === index);
    if (!step) throw new NotFoundError(`Ce lab n'a pas d'étape numéro ${index + 1}.`);
    return step;
  }

  /** Recorded once: asking again (a second tab, a double click) changes nothing. */
  private async record(sessionId: string, step: number, kind: 'hint' | 'solution', hint: number): Promise<void> {
    await this.deps.prisma.stepEvent.upsert({
      where: { sessionId_step_kind_hint: { sessionId, step, kind, hint } },
      create: { sessionId, step, kind, hint },
      update: {},
    });
    await this.deps.sessions.touch(sessionId);
  }

  private events(sessionId: string): Promise<HelpEvent[]> {
    return this.deps.prisma.stepEvent.findMany({
      where: { sessionId, kind: { in: ['hint', 'solution'] } },
      select: { step: true, kind: true, hint: true, createdAt: true },
      orderBy: [{ step: 'asc' }, { hint: 'asc' }],
    });
  }

  private view(step: HelpSpec['steps'][number], events: HelpEvent[]): StepHelpView {
    const mine = events.filter((event) => event.step === step.index);
    const hintsShown = mine.filter((event) => event.kind === 'hint').length;
    const revealed = mine.find((event) => event.kind === 'solution');
    const solution: SolutionView | null =
      revealed && step.solution ? { revealedAt: revealed.createdAt.toISOString(), parts: step.solution.map(({ nodes, html }) => ({ nodes, html })) } : null;
    return { step: step.index, hintCount: step.hints.length, hints: step.hints.slice(0, hintsShown), solution };
  }
}
