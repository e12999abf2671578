/** The progress services (own progress, class results, grader tokens and bulk attempts), as main.ts and the test platform build them. */
import type { PrismaClient } from '../../generated/prisma/client';
import type { ClassService } from '../classes/class-service';
import { loadMergedCourse } from '../content/packs/catalog';
import { loadQuiz } from '../content/quiz';
import { findLabSpec } from '../sessions/find-lab-spec';
import { ClassAttempts } from '../grader/class-attempts';
import { GraderTokens } from '../grader/grader-tokens';
import { ClassResults } from './class-results';
import { ProgressService } from './progress-service';
import { StuckStudentFinder } from './stuck-student-finder';
import { DEFAULT_STUCK_IDLE_MINUTES } from './stuck-students';

export function createProgressServices(
  prisma: PrismaClient,
  classes: ClassService,
  /** stuckIdleMinutes: DOCKYARD_STUCK_IDLE_MINUTES (main.ts); the tests take the default. */
  options: { stuckIdleMinutes?: number } = {},
): { progress: ProgressService; results: ClassResults; graderTokens: GraderTokens; graderAttempts: ClassAttempts } {
  const progress = new ProgressService({ prisma, findLab: findLabSpec, findQuiz: loadQuiz, loadCourse: () => loadMergedCourse() });
  return {
    progress,
    results: new ClassResults({
      classes,
      progress,
      stuck: new StuckStudentFinder({ prisma, findLab: findLabSpec, idleMinutes: options.stuckIdleMinutes ?? DEFAULT_STUCK_IDLE_MINUTES }),
    }),
    graderTokens: new GraderTokens({ prisma, classes }),
    graderAttempts: new ClassAttempts({ prisma, classes }),
  };
}
