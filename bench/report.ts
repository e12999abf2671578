/**
 * Writes the figures: bench/results.json (exactly the agreed keys, for machines) and
 * docs/benchmarks.md (the same figures beside their references and the issue's targets, with
 * how each was measured and anything that may have disturbed the run, for people).
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Machine } from './lib/machine';
import { persistenceSection } from './persistence-report';
import { recordingSection } from './recording/report';

export interface Results {
  startMs: { p50: number | null; p95: number | null; pooledP50: number | null; pooledP95: number | null };
  /** `docker run --rm --entrypoint true` on the host's Docker engine: issue 10's reference. */
  dockerRunMs: { p50: number | null };
  /** A bare Incus container from the nodes' image and profile: `incus launch` until a first `incus exec true` returns. */
  incusLaunchMs: { p50: number | null };
  /** `incus exec NAME -- true` in a running bare container, through the CLI. */
  incusExecMs: { p50: number | null };
  echoMs: { p50: number | null; p99: number | null };
  /** `true` in the lab node through the driver's exec (Incus exec API). */
  execRoundTripMs: { p50: number | null };
  /** The flood's terminal bytes over Enter → end marker drawn (tmux skips what the browser cannot draw). */
  floodMBps: number | null;
  /** Echo of the keys pressed during the flood whose echo reached the screen during it. */
  floodEchoP99Ms: number | null;
  idleSessions: number | null;
  /** Per idle node: RSS + mapped files of its processes, each resident page once (Σ Pss), MiB. */
  memPerSessionMiB: number | null;
  /** Per idle node, MiB: Σ Rss, Σ Pss's anonymous and file-backed parts, memory cgroup, host MemAvailable drop. */
  memory: { rssSumMiB: number | null; anonMiB: number | null; fileMiB: number | null; cgroupMiB: number | null; memAvailableDropMiB: number | null };
  checkMs: { p95: number | null };
  machine: Machine;
  date: string;
}

/** What the run saw besides the figures: sample counts, conditions, failures. */
export interface RunNotes {
  samples: Record<string, number>;
  /** One line per measure: load average, other sandboxes and other test runs when it began. */
  conditions: Array<{ measure: string; load: number; foreignSandboxes: { incus: number; docker: number }; otherWork: string[] }>;
  facts: string[];
  errors: string[];
  durationSeconds: number;
  /** The commit measured (\`git describe --always --dirty\`). */
  commit: string;
  /** Bytes the flood command prints before folding. */
  floodBytes: number;
  /** The browser's own floor (measures/browser-floor.ts), null if not measured. */
  floor: { echoP50Ms: number | null; echoP99Ms: number | null; floodMBps: number } | null;
  /** The reference commands, as run. */
  references: { dockerRun?: string; incusLaunch?: string };
  flood?: { maxKeys: number; receivedMB: number; keys: number; echoed: number; echoedBeforeMarker: number; markerDrawn: boolean };
  /** Warm-pool starts that were served by a spare node. */
  pooledFromSpare?: number;
  loadAtStart: number;
  loadAtEnd?: number;
  /** Waits for btrfs's cleaner (deleting earlier nodes' clones) to go idle. */
  quietWaits: string[];
}

/** The Docker runtime's last figures (bench/baseline-docker.json): issue 10's "before". */
interface Baseline {
  what: string;
  results: {
    startMs: { p50: number; p95: number; pooledP50: number; pooledP95: number };
    dockerRunMs: { p50: number };
    echoMs: { p50: number; p99: number };
    execRoundTripMs: { p50: number };
    floodMBps: number;
    floodEchoP99Ms: number;
    idleSessions: number;
    memPerSessionMiB: number;
    checkMs: { p95: number };
    date: string;
  };
  extra: { cgroupMiBPerSandbox: number; checkP50Ms: number; floorEchoP99Ms: number };
}

export async function writeResults(path: string, results: Results): Promise<void> {
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
}

const show = (value: number | null | undefined, unit: string) => (value === null || value === undefined ? '—' : `${value} ${unit}`);

function verdict(met: boolean | null): string {
  if (met === null) return 'not measured';
  return met ? 'met' : '**not met**';
}

const atMost = (value: number | null, limit: number | null) => (value === null || limit === null ? null : value <= limit);
const atLeast = (value: number | null, limit: number) => (value === null ? null : value >= limit);
const both = (a: boolean | null, b: boolean | null) => (a === null || b === null ? null : a && b);
const ratio = (value: number | null, reference: number | null) => (value === null || !reference ? '—' : `${(value / reference).toFixed(2)}×`);

/** Warm-pool start p50 may be at most this many times the `docker run` p50 of the same run (issue 10). */
const WARM_START_FACTOR = 1.5;
const IDLE_SESSIONS_TARGET = 60;

export async function writeReport(path: string, r: Results, notes: RunNotes): Promise<void> {
  const before = JSON.parse(await readFile(new URL('./baseline-docker.json', import.meta.url), 'utf8')) as Baseline;
  const b = before.results;
  const warmLimit = r.dockerRunMs.p50 === null ? null : Math.round(r.dockerRunMs.p50 * WARM_START_FACTOR);
  const mem = r.memory;
  const rows = [
    [
      'Lab start, click → prompt (no pool)',
      `p50 ${show(r.startMs.p50, 'ms')}, p95 ${show(r.startMs.p95, 'ms')}`,
      `\`docker run\` p50 ${show(r.dockerRunMs.p50, 'ms')}; bare \`incus launch\` p50 ${show(r.incusLaunchMs.p50, 'ms')}`,
      `p50 ${b.startMs.p50} ms, p95 ${b.startMs.p95} ms`,
      'none without pool',
      '—',
    ],
    [
      'Lab start from a warm pool',
      `p50 ${show(r.startMs.pooledP50, 'ms')}, p95 ${show(r.startMs.pooledP95, 'ms')}${notes.pooledFromSpare === undefined ? '' : ` (${notes.pooledFromSpare} of ${notes.samples['lab starts with warm pool'] ?? '?'} from a spare)`}; ${ratio(r.startMs.pooledP50, r.dockerRunMs.p50)} \`docker run\`, ${ratio(r.startMs.pooledP50, r.incusLaunchMs.p50)} bare \`incus launch\``,
      `\`docker run\` p50 ${show(r.dockerRunMs.p50, 'ms')}; bare \`incus launch\` p50 ${show(r.incusLaunchMs.p50, 'ms')}`,
      `p50 ${b.startMs.pooledP50} ms, p95 ${b.startMs.pooledP95} ms (\`docker run\` ${b.dockerRunMs.p50} ms)`,
      `p50 ≤ ${WARM_START_FACTOR} × \`docker run\` p50 (${show(warmLimit, 'ms')})`,
      verdict(atMost(r.startMs.pooledP50, warmLimit)),
    ],
    [
      'Keystroke echo',
      `p50 ${show(r.echoMs.p50, 'ms')}, p99 ${show(r.echoMs.p99, 'ms')}`,
      `exec round trip p50 ${show(r.execRoundTripMs.p50, 'ms')}; browser floor p50 ${show(notes.floor?.echoP50Ms, 'ms')}, p99 ${show(notes.floor?.echoP99Ms, 'ms')}`,
      `p50 ${b.echoMs.p50} ms, p99 ${b.echoMs.p99} ms (floor p99 ${before.extra.floorEchoP99Ms} ms)`,
      'no worse than before',
      verdict(both(atMost(r.echoMs.p50, b.echoMs.p50), atMost(r.echoMs.p99, b.echoMs.p99))),
    ],
    [
      'Output flood (tmux: screens skipped)',
      `${show(r.floodMBps, 'MB/s')} of shell output until its end marker is on screen${notes.flood ? `${notes.flood.markerDrawn ? '' : ' (marker never drawn)'}, ${notes.flood.receivedMB} MB of it reached the page; of ${notes.flood.keys} keys typed meanwhile, ${notes.flood.echoedBeforeMarker} echoed before its end, ${notes.flood.echoed - notes.flood.echoedBeforeMarker} with it, ${notes.flood.keys - notes.flood.echoed} never: echo p99 ${show(r.floodEchoP99Ms, 'ms')}` : ''}`,
      `browser ceiling ${show(notes.floor?.floodMBps, 'MB/s')}`,
      `${b.floodMBps} MB/s, every byte drawn; echo p99 ${b.floodEchoP99Ms} ms, every key echoed`,
      'none (measures another thing now)',
      '—',
    ],
    [
      'Idle Docker-lab sessions',
      `${r.idleSessions ?? '—'} answering; per node: RSS + mapped files ${show(r.memPerSessionMiB, 'MiB')} (Σ Pss), Σ Rss ${show(mem.rssSumMiB, 'MiB')}, cgroup ${show(mem.cgroupMiB, 'MiB')}, MemAvailable drop ${show(mem.memAvailableDropMiB, 'MiB')}`,
      '—',
      `${b.idleSessions} sessions; MemAvailable drop ${b.memPerSessionMiB} MiB, cgroup ${before.extra.cgroupMiBPerSandbox} MiB each`,
      `≥ ${IDLE_SESSIONS_TARGET} on 24 GiB`,
      verdict(atLeast(r.idleSessions, IDLE_SESSIONS_TARGET)),
    ],
    [
      'Step check',
      `p95 ${show(r.checkMs.p95, 'ms')}`,
      `exec round trip p50 ${show(r.execRoundTripMs.p50, 'ms')}`,
      `p95 ${b.checkMs.p95} ms`,
      'no worse than before',
      verdict(atMost(r.checkMs.p95, b.checkMs.p95)),
    ],
  ];
  const table = [
    '| measure | figure | reference (same run) | before: Docker runtime, 2026-12-03 | target (issue 10) | |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
  const conditions = notes.conditions.map(
    (c) =>
      `| ${c.measure} | ${c.load.toFixed(2)} | ${c.foreignSandboxes.incus < 0 ? '?' : c.foreignSandboxes.incus} | ${c.foreignSandboxes.docker < 0 ? '?' : c.foreignSandboxes.docker} | ${c.otherWork.join(', ') || 'none'} |`,
  );
  // Containers of the retired Docker runtime are listed, not counted: left over by tests, they
  // sit idle (a running test shows among the other work and in the load).
  const disturbed = notes.conditions.filter((c) => c.foreignSandboxes.incus > 0 || c.otherWork.length > 0 || c.load > 2 * (r.machine.cores || 1));
  const m = r.machine;
  const text = `# Benchmarks

Generated by \`npm run bench\` (bench/run.ts) on ${r.date}; the raw figures are in
[bench/results.json](../bench/results.json). Benchmarks measure and record: they never fail
on a figure. Run took ${Math.round(notes.durationSeconds)} s; 1-minute load average ${notes.loadAtStart.toFixed(2)} when it began, ${notes.loadAtEnd?.toFixed(2) ?? '—'} after its last measure.

Code: commit ${notes.commit}. Machine: ${m.cores} cores, ${m.memory}, ${m.os}, kernel ${m.kernel}.
Lab nodes: Incus ${m.incus} system containers (unprivileged, isolated idmap, Docker inside), storage pool ${m.pool}. Host Docker ${m.docker}, for the \`docker run\` reference only.

${table.join('\n')}

"Before" is the last run on the Docker-based jail runtime, now retired (bench/baseline-docker.json,
from ${b.date}): same bench, same machine type, its own \`docker run\` reference. Samples: ${Object.entries(notes.samples).map(([k, v]) => `${k} ${v}`).join(', ')}.
Percentiles are nearest-rank (a sample that really happened): with 10 starts, p95 is the slowest.

## What the run saw

${notes.facts.map((f) => `- ${f}`).join('\n')}
${notes.errors.length > 0 ? `\nErrors:\n\n${notes.errors.map((e) => `- ${e}`).join('\n')}\n` : ''}
Conditions when each measure began: 1-minute load average on ${m.cores} cores (it lags, and
includes the bench's own previous measure), running Incus lab nodes of other Dockyard
instances, sandbox containers of the retired Docker runtime on the host's engine, and other
engineers' test runs or builds found among the processes:

| measure | load | other Incus nodes | Docker sandboxes | other work |
| --- | --- | --- | --- | --- |
${conditions.join('\n')}

${disturbed.length > 0 ? `**Possibly disturbed**: ${disturbed.map((c) => c.measure).join(', ')} began while the machine was shared (other Incus nodes, test runs, or a load above twice the cores); read those figures as upper bounds.` : 'No other Incus node or test run was seen and the load stayed under twice the cores: the figures look undisturbed (containers of the retired Docker runtime, when listed, are idle leftovers of tests).'}

## How each figure is measured

The bench starts the real server as an operator would (\`tsx server/main.ts\`, production
build, port 3200, database in \`.cache/bench-data\` wiped first, driver instance \`bench\`,
rate limits raised so that its many starts and checks are not
refused), drives Debian's Chromium with Playwright against it, and at the end stops it and
deletes every Incus instance
labelled \`user.dockyard.instance=bench\` and that instance's session bridges (\`incus delete
--force\`, \`incus network delete\`), even after a failure. The bench reads the nodes through
the same driver as the server (\`IncusSandboxDriver\`, instance \`bench\`) and the \`incus\` CLI.
Deleting a node leaves the kernel's btrfs cleaner a minute or more of work on one core (its
clone's extents): before the references and before each server that starts nodes, the bench
waits until that thread is idle (at most 3 min), so that no measure pays for the previous one's
clean-up (waited ${notes.quietWaits.join(', ') || 'nothing'}).

- **Lab start**: on the lab page, from the click event on « Démarrer le lab » to the DOM
  change that draws the node's prompt (\`root@node1:~#\`) in the terminal, both taken in the
  page; the lab is ended with « Terminer le lab » between starts. The page also notes when the
  start request's answer arrived, when the server said the terminal was attached and when the
  first terminal output came (phases in "What the run saw"). It includes the HTTP call,
  the session's bridge, the node (an Incus container cloned from the image on btrfs), its
  inner Docker engine answering, its joining the session (address, names), the socket, the
  Incus exec session and the tmux session with bash in the node. Measured twice: with
  \`DOCKYARD_POOL_SIZE=0\` (every start creates its node), then on a second server with a
  warm pool of one spare node (already started, engine answering, no network yet), each start
  waiting until a spare is ready (its engine answers \`docker info\`, then one more second for
  the pool to record it), as a student does who arrives after the previous one; the table
  says how many starts really got the spare. The pool makes the next spare at once, during
  the start's last steps, as it does in production.
- **References for starts** (same run, before the server starts):
  \`${notes.references.dockerRun ?? 'docker run --rm --entrypoint true IMAGE'}\` on the host's Docker engine,
  timed around the CLI (create, start, exit, remove on overlay2): issue 10's reference and the
  earlier benches'. And its Incus equivalent, a bare container from the nodes' image and profile
  whose init is \`sleep infinity\` instead of the node's (no inner engine):
  \`incus launch\` (btrfs clone, uid range, start) until a first \`incus exec NAME -- true\`
  returns; its removal is timed apart and not counted (\`docker run --rm\` includes its own).
- **Keystroke echo**: one key pressed with Playwright's keyboard into xterm's textarea, from
  the keydown event to the DOM change drawing the character in \`.xterm-rows\` (a
  MutationObserver), on a quiet prompt; the probe also notes when the websocket message
  carrying the echo was dispatched in the page, to split network from drawing. The key goes
  browser → server → Incus exec websocket → the tmux client in the node → tmux → bash, and
  the echo back the same way. Reference: \`true\` run in the same node through the driver's
  \`exec\` (Incus exec API over its unix socket: the operation, its four websockets, the exit
  code). A second reference types into the same shell from a Chromium started with
  \`--disable-features=DeferRendererTasksAfterInput\`: by default Chromium can hold a page's
  incoming websocket messages after a key press until it has produced the next frame (it does
  on the browser floor's page), and xterm.js then draws the echo on the frame after; that
  reference shows how much of the figure is this scheduling rather than Dockyard's path.
- **Output flood**: \`head -c ${notes.floodBytes} /dev/zero | tr '\\0' x | fold -w 200\` then a
  shell-computed end marker. The shell's terminal is tmux's pane: tmux reads all of it into its
  screen at its own speed, and when the terminal it draws to (the browser, paced by the
  server's flow control on what xterm.js has drawn) falls behind, it stops sending
  intermediate output and later redraws the current screen. So the figure is no longer the
  rate at which every byte is drawn: MB/s (10^6 bytes) is the flood's terminal bytes
  (${((notes.floodBytes * 202) / 200 / 1e6).toFixed(1)} MB with CR LF) over the time from the Enter keydown to the marker
  drawn on screen, i.e. how fast the shell's output is worked through until the student sees
  its end;
  the characters that really reached the page's websocket are given beside it. During the
  flood, from the moment its output streams, keys are typed about ten a second without
  waiting for their echo, each a character of its own (uppercase letters tmux never uses in
  its escape sequences, then Greek letters typed as text), up to ${notes.flood?.maxKeys ?? '?'} keys. A probe
  on the page's websocket puts a status query (ESC[5n) right behind each echoed character as it arrives;
  xterm.js answers when its parser gets there (the probe swallows the answer), and the time
  is taken on the next animation frame, the one that draws it: keydown (input event for the
  Greek letters) to echo drawn. Keys typed before the end marker was drawn count; their echo is
  timed whenever it comes (up to 2 s after the marker), and counted apart by when it came: in a
  frame before the one carrying the end marker (during the flood), in that frame or after
  (with the flood's end: readline shows the keys typed ahead once bash is back), or never.
  Beside it: Ctrl+C during an endless flood (\`yes\` of 200-character lines, 1 s after it
  streams), from the keydown to the next prompt drawn, what a student does to stop one.
- **Browser floor** (references for echo and flood): a page served by the bench itself
  (\`bench/lib/instant-terminal.ts\`) with the lab page's xterm.js, terminal settings and
  terminal size, over socket.io, against a server that answers in memory at once (a line
  editor with the node's prompt). The echo measure above runs on it unchanged: its figure is
  what this Chromium and xterm.js cost with a server that takes no time. For the flood, the
  page generates the same lines itself and hands them to xterm.js as the lab page hands it
  output (64 KiB messages, at most 128 KiB undrawn, each acknowledged once drawn): the rate at
  which this Chromium parses and draws them, with no network, no server and no shell.
- **Idle sessions**: on a third server, without pool, sessions started through the HTTP API
  (\`POST /api/labs/premiers-pas/session\`), one cookie jar per student, 3 at a time, up to
  \`BENCH_SESSIONS\` (default 60), stopping at a start refused twice (a refused start is
  retried once after 2 s, and said so) or under 4 GiB of MemAvailable. Each node's terminal is
  then opened once through the driver, as the server does when a browser attaches (tmux and
  bash start in the node), and let go; after 20 s of settling, memory is read on the host, and each node's
  inner engine must answer \`docker version\` by exec for its session to count. A node's
  processes are those in its cgroups (\`cgroup.procs\` of \`/sys/fs/cgroup/*/lxc.payload.NAME\`
  and every cgroup below it) and the descendants of its init (host PID from \`incus query
  /1.0/instances/NAME/state\`). For each, \`/proc/PID/smaps_rollup\`: **RSS + mapped files** is
  the sum over the node's processes of \`Pss\`, the resident pages (anonymous, file-backed and
  shmem) each divided by the number of processes mapping it, so a page is counted once; on
  btrfs each node's files are its own clone, whose page cache no other node shares (overlay2
  layers did share it), so nothing of it is shared outside the node. Its anonymous
  (\`Pss_Anon\`) and file-backed (\`Pss_File\` + \`Pss_Shmem\`) parts are given, and the plain
  sum of \`Rss\` beside it, which counts a page shared between a node's processes (libc…) once
  per process. Second figure: the node's memory cgroup (\`memory.usage_in_bytes\` on this
  cgroup v1 host, \`memory.current\` on cgroup v2),
  which also charges page cache read but not mapped (the image's files read at boot) and
  kernel memory, and is what \`limits.memory\` caps. Third: the drop of the host's MemAvailable
  (/proc/meminfo) over the sessions, divided by their number; it moves with everything else on
  the machine.
- **Step check**: \`POST /api/sessions/{id}/checks {"step":0}\` from Node with the student's
  cookie, request to parsed answer, after \`docker run hello-world\` so the check passes.
`;
  // What was learned about the targets not met: written by people, kept across runs.
  const knownLimits = await readFile(new URL('./known-limits.md', import.meta.url), 'utf8');
  // The pause and resume figures keep their own section, written by bench/persistence.ts, and so
  // do the terminal recordings', written by bench/recording.ts.
  await writeFile(path, `${text}\n${knownLimits}\n${await persistenceSection()}\n${await recordingSection()}`);
}
