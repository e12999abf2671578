/**
 * The pause and resume figures (bench/persistence.ts): bench/persistence.json, and their
 * section at the end of docs/benchmarks.md, between markers, so that either bench run
 * rewrites its own part and keeps the other's (report.ts appends this section as it is).
 */
import type { Machine } from './lib/machine';
import { readSection, writeSection, type ReportSection } from './lib/report-section';
import type { PauseResumeSample } from './measures/pause-resume';

export interface PersistenceResults {
  samples: PauseResumeSample[];
  /** A lab that could not be solved (lab:test's first line): its figures are missing. */
  problems: string[];
  machine: Machine;
  date: string;
  /** 1-minute load average at the start and the end, and other test runs or builds seen at the start. */
  conditions: { loadAtStart: number; loadAtEnd: number; otherWork: string[] };
}

/** Issue 14's target: a node holding 500 MB of images resumes in 10 s or less. */
const RESUME_TARGET_MS = 10_000;

function render(r: PersistenceResults): string {
  const rows = r.samples.map(
    (s) =>
      `| ${s.lab} | ${s.imagesMiB} MiB | ${s.storageMiB} MiB | ${Math.round(s.pauseMs)} ms | ${Math.round(s.resumeMs)} ms | ${s.intact ? 'yes' : '**no**'} |`,
  );
  const big = r.samples.filter((s) => s.imagesMiB >= 500);
  const verdict =
    big.length === 0
      ? 'No sample held 500 MB of images: the target of issue 14 was not measured in this run.'
      : `Target of issue 14 (a node holding 500 MB of images resumes in ≤ ${RESUME_TARGET_MS / 1000} s): ${big.every((s) => s.resumeMs <= RESUME_TARGET_MS) ? 'met' : '**not met**'} (${big.map((s) => `${Math.round(s.resumeMs)} ms`).join(', ')}).`;
  return `## Labs that last: pause and resume

Measured ${r.date} by \`npm run bench:persistence\` (also run by \`npm run bench\`), on ${r.machine.cores} cores, ${r.machine.memory}, Incus ${r.machine.incus}, pool ${r.machine.pool}.
Each lab is solved as \`lab:test\` solves it (its solutions, in a real session), then paused and
resumed through the session service (no HTTP in front). Pause: the nodes' Docker engines stop
as at a shutdown, the disk is measured (\`du\`, less the image), \`incus stop\`. Resume: \`incus
start\`, the engine answers, the node joins its session again. « Intact »: a file written
before the pause and the number of containers are the same after the resume.

| lab | images in the node | paused lab's storage | pause | resume | intact |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Conditions: load average ${r.conditions.loadAtStart} at the start, ${r.conditions.loadAtEnd} at the end, on ${r.machine.cores} cores${r.conditions.otherWork.length > 0 ? `; other work running: ${r.conditions.otherWork.join(', ')} (read the figures as upper bounds)` : ''}.

${verdict}${r.problems.length > 0 ? `\n\nNot measured: ${r.problems.join('; ')}.` : ''}
`;
}

const SECTION: ReportSection<PersistenceResults> = { results: new URL('./persistence.json', import.meta.url), name: 'persistence', render };

/** The section as last measured (empty when bench:persistence never ran). */
export const persistenceSection = () => readSection(SECTION);

export const writePersistenceSection = (results: PersistenceResults) => writeSection(SECTION, results);
