/**
 * How server/main.ts (and the test platform) put recordings together from the settings: the
 * recorder the terminals feed, the reader instructors and graders use, and the retention sweep
 * the reaper runs.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import type { ClassService } from '../classes/class-service';
import { RecordingService } from './recording-service';
import { RecordingStore } from './recording-store';
import { terminalRecorder, type WritingRecorder } from './terminal-recorder';

/** The sweep is one grouped query over every piece: once an hour is plenty for a retention in days. */
const SWEEP_EVERY_MS = 60 * 60_000;

export interface Recordings {
  /** Undefined when DOCKYARD_RECORDING_DAYS is 0: terminals are not recorded. */
  recorder: WritingRecorder | undefined;
  /** Deletes recordings past their days (at most once an hour, whatever the reaper's pace); resolves to how many pieces went. */
  sweep(now: Date): Promise<number>;
  /** Made once the class service exists (it decides who may replay). */
  service(classes: Pick<ClassService, 'view' | 'managedByToken'>): RecordingService;
}

export function setUpRecordings(deps: { prisma: PrismaClient; keepDays: number; log?: (message: string) => void }): Recordings {
  const store = new RecordingStore(deps.prisma);
  let lastSweep = -Infinity;
  return {
    recorder: deps.keepDays > 0 ? terminalRecorder({ save: (piece) => store.save(piece), log: deps.log }) : undefined,
    async sweep(now) {
      if (deps.keepDays <= 0 || now.getTime() - lastSweep < SWEEP_EVERY_MS) return 0;
      lastSweep = now.getTime();
      return store.deleteOlderThan(new Date(now.getTime() - deps.keepDays * 86_400_000));
    },
    service: (classes) => new RecordingService({ prisma: deps.prisma, classes, store, keepDays: deps.keepDays }),
  };
}
