/**
 * The terminal recording figures (bench/recording.ts): bench/recording.json, and their section
 * of docs/benchmarks.md between markers, which either bench run keeps (report.ts appends it).
 */
import type { Machine } from '../lib/machine';
import { readSection, writeSection, type ReportSection } from '../lib/report-section';
import type { EchoFigures } from './echo';
import type { StorageFigures } from './storage';

export interface RecordingResults {
  storage: StorageFigures;
  /** Null when no lab node could start (no Incus, no image): the storage figures stand alone. */
  echo: EchoFigures | null;
  echoProblem?: string;
  machine: Machine;
  date: string;
  conditions: { loadAtStart: number; loadAtEnd: number; otherWork: string[] };
}


const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const ms = (value: number | null) => (value === null ? '–' : `${value} ms`);

function render(r: RecordingResults): string {
  const s = r.storage;
  const perHour = (s.compressedBytes * 60) / s.virtualMinutes;
  const echo = r.echo
    ? `| with the recorder | ${ms(r.echo.withRecorder.p50)} | ${ms(r.echo.withRecorder.p99)} |
| without | ${ms(r.echo.withoutRecorder.p50)} | ${ms(r.echo.withoutRecorder.p99)} |`
    : `| not measured | ${r.echoProblem ?? ''} | |`;
  return `## Terminal recordings

Measured ${r.date} by \`npx tsx bench/recording.ts\`, on ${r.machine.cores} cores, ${r.machine.memory}, Incus ${r.machine.incus}.

**Storage per hour of an active terminal.** A simulated student types ${s.commands} commands in
${s.virtualMinutes} minutes (a key every 120–300 ms, each echoed; what the course's commands print:
\`docker ps\` and \`docker images\` tables, pull and build logs, \`ls -l\`, coloured prompts; 5–30 s of
reading between commands), through the real recorder into the embedded database, on a virtual
clock with the recorder's 5-second pieces.

| events | characters carried | pieces | stored (gzip) | per hour | whole .cast | .cast assembled in |
| --- | --- | --- | --- | --- | --- | --- |
| ${s.events} | ${s.rawChars} | ${s.pieces} | ${kib(s.compressedBytes)} | **${kib(perHour)}** | ${kib(s.castBytes)} | ${s.castAssemblyMs} ms |

A class of 30 students with 2 hours of lab a week: about ${((perHour * 2 * 30) / 2 ** 20).toFixed(0)} MiB a week, kept
\`DOCKYARD_RECORDING_DAYS\` (30 by default). Each event costs the terminal one call into the
recorder (an array push; when a buffer is full, also handing its piece to zlib and to the database
without waiting for either): p50 ${s.recordCallUs.p50} µs, p99 ${s.recordCallUs.p99} µs, max ${s.recordCallUs.max} µs.
Compression runs on libuv's thread pool; with the embedded database (PGlite, in this process)
the insert itself runs on the server's thread, with PostgreSQL it is a network round trip.

**Echo with and without the recorder** (server side: a socket.io client types one key at a time
into a real node through the real gateway, ${r.echo?.samples ?? 0} keys, alternating rounds of each):

| | echo p50 | echo p99 |
| --- | --- | --- |
${echo}

Conditions: load average ${r.conditions.loadAtStart} at the start, ${r.conditions.loadAtEnd} at the end${r.conditions.otherWork.length > 0 ? `; other work running: ${r.conditions.otherWork.join(', ')} (read the figures as upper bounds)` : ''}.
`;
}

const SECTION: ReportSection<RecordingResults> = { results: new URL('../recording.json', import.meta.url), name: 'recording', render };

/** The section as last measured (empty when bench/recording.ts never ran). */
export const recordingSection = () => readSection(SECTION);

export const writeRecordingSection = (results: RecordingResults) => writeSection(SECTION, results);
