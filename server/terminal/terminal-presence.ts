/**
 * Tells the other servers, through the database, which sessions have a student's terminal
 * open here: the reaper runs on one server only (its lease) and must not end as idle a
 * session whose student types through another (LabSession.terminalSeenAt, read by
 * sessions/reaper.ts). One update per minute for all of this server's sessions.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { ShellHub } from './shell-hub';

export const PRESENCE_EVERY_MS = 60_000;

export function reportTerminalPresence(deps: {
  prisma: PrismaClient;
  shells: Pick<ShellHub, 'attachedSessions'>;
  log?: (message: string) => void;
  everyMs?: number;
}): { stop(): void } {
  const report = async () => {
    const ids = deps.shells.attachedSessions();
    if (ids.length === 0) return;
    await deps.prisma.labSession.updateMany({ where: { id: { in: ids }, state: 'running' }, data: { terminalSeenAt: new Date() } });
  };
  const timer = setInterval(() => {
    report().catch((error: Error) => deps.log?.(`présence des terminaux non enregistrée : ${error.message}`));
  }, deps.everyMs ?? PRESENCE_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
