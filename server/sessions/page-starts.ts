/**
 * The pages of a lab in a session, as Killercoda runs them: linear, each started once. Pages
 * are numbered like steps (0-based); the conclusion is the number after the last step. A
 * page starts when the student first opens it or a later one; the introduction starts with
 * the session (session-service.ts).
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { LabScripts, PageScriptsSpec, SessionMachines } from './lab-scripts';

export interface LabPages {
  steps: PageScriptsSpec[];
  finish?: PageScriptsSpec;
}

/** Starts, in order, every page up to `last` that has not started yet in this session. */
export async function startPagesUpTo(
  deps: { prisma: PrismaClient; scripts: LabScripts },
  machines: SessionMachines,
  lab: LabPages,
  last: number,
): Promise<void> {
  const { sessionId } = machines;
  const started = await deps.prisma.stepEvent.findMany({ where: { sessionId, kind: 'started' }, select: { step: true } });
  const done = new Set(started.map((event) => event.step));
  for (let index = 0; index <= last; index += 1) {
    if (done.has(index)) continue;
    await deps.prisma.stepEvent.create({ data: { sessionId, step: index, kind: 'started' } });
    const step = lab.steps[index];
    deps.scripts.startPage(machines, step ? `étape ${index + 1}` : 'conclusion', step ?? lab.finish ?? {});
  }
}
