/**
 * `npm run bench`: starts the real Dockyard server (lab nodes are Incus system containers),
 * measures lab start, keystroke echo, output flood, step checks and idle capacity, each beside
 * a reference timed in the same run, then writes bench/results.json and docs/benchmarks.md.
 * It measures and records; it never fails on a figure. Whatever happens, it stops its server
 * and removes its nodes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { IncusSandboxDriver } from '../runtime/incus/incus-driver';
import { endLabInPage, launchBrowser, newProbedPage } from './lib/browser';
import { foreignSandboxes, nodesOf, removeInstance, sandboxOf, spareReady } from './lib/docker-cli';
import { describeMachine, loadAverage, otherWork, waitForQuietDisk } from './lib/machine';
import { startServer, type RunningServer } from './lib/server';
import { percentile, round } from './lib/stats';
import { LAB, Student } from './lib/student';
import { measureCapacity } from './measures/capacity';
import { measureChecks, prepareStepZero } from './measures/checks';
import { measureEcho } from './measures/echo';
import { measureEchoWithoutDeferral, NO_DEFERRAL_ARGS } from './measures/echo-without-deferral';
import { measureBrowserFloor, terminalBox } from './measures/browser-floor';
import { FLOOD_KEYS, measureFlood, measureInterrupt } from './measures/flood';
import { measureLabStarts, type StartSample } from './measures/lab-start';
import { measureBareIncus, measureDockerRun, measureExecRoundTrip, removeBareIncus } from './measures/references';
import { writeReport, writeResults, type Results, type RunNotes } from './report';

const INSTANCE = 'bench';
const DATA_DIR = '.cache/bench-data';
const SESSION_CAP = Number(process.env.BENCH_SESSIONS ?? 60);
// Sized so that the whole run stays around 10 minutes on 2 cores.
const N = {
  starts: 10,
  dockerRuns: 5,
  bareLaunches: 5,
  bareExecs: 20,
  echo: 200,
  echoReference: 100,
  echoFloor: 100,
  execs: 30,
  checks: 30,
  floodBytes: 100_000_000,
  interrupts: 3,
};
/** Generous rate limits: the bench starts, checks and attaches far more often than a student may. */
const SERVER_ENV = {
  DOCKYARD_LAB_STARTS_PER_HOUR: '10000',
  DOCKYARD_CHECKS_PER_MINUTE: '10000',
  DOCKYARD_TERMINAL_ATTACHES_PER_MINUTE: '10000',
  DOCKYARD_TERMINAL_SOCKETS_PER_USER: '1000',
};

const began = Date.now();
const log = (line: string) => console.log(`[bench ${((Date.now() - began) / 1000).toFixed(0).padStart(3)} s] ${line}`);
const mean = (values: number[]) => (values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null);

async function main(): Promise<number> {
  if (!Number.isInteger(SESSION_CAP) || SESSION_CAP < 1) throw new Error('BENCH_SESSIONS must be a positive integer');
  const commit = spawnSync('git', ['describe', '--always', '--dirty'], { encoding: 'utf8' }).stdout?.trim() || 'unknown';
  const notes: RunNotes = {
    samples: {},
    conditions: [],
    facts: [],
    errors: [],
    durationSeconds: 0,
    commit,
    floodBytes: N.floodBytes,
    floor: null,
    references: {},
    loadAtStart: loadAverage(),
    quietWaits: [],
  };
  // The bench measures the production build; it builds only when there is none.
  if (!existsSync('.next/BUILD_ID')) {
    log('no .next/BUILD_ID: npm run build');
    if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed');
  }
  const stale = await newerThan('app', statSync('.next/BUILD_ID').mtimeMs);
  if (stale.length > 0) {
    notes.facts.push(
      `The web build is older than ${stale.length} file(s) under app/ (e.g. ${stale[0]}): the pages measured may lag the sources; \`npm run build\` refreshes it.`,
    );
  }
  const leftovers = await removeInstance(INSTANCE);
  await removeBareIncus();
  if (leftovers > 0) log(`removed ${leftovers} node(s) left by an earlier bench`);

  const results: Results = {
    startMs: { p50: null, p95: null, pooledP50: null, pooledP95: null },
    dockerRunMs: { p50: null },
    incusLaunchMs: { p50: null },
    incusExecMs: { p50: null },
    echoMs: { p50: null, p99: null },
    execRoundTripMs: { p50: null },
    floodMBps: null,
    floodEchoP99Ms: null,
    idleSessions: null,
    memPerSessionMiB: null,
    memory: { rssSumMiB: null, anonMiB: null, fileMiB: null, cgroupMiB: null, memAvailableDropMiB: null },
    checkMs: { p95: null },
    machine: await describeMachine(),
    date: new Date().toISOString(),
  };

  /** Runs one measure; a failure is recorded and the next measures still run. */
  const measure = async (name: string, body: () => Promise<void>): Promise<void> => {
    notes.conditions.push({
      measure: name,
      load: loadAverage(),
      foreignSandboxes: await foreignSandboxes(INSTANCE).catch(() => ({ incus: -1, docker: -1 })),
      otherWork: await otherWork(),
    });
    log(name);
    try {
      await body();
    } catch (err) {
      const message = `${name}: ${(err as Error).message.split('\n')[0]}`;
      notes.errors.push(message);
      log(`FAILED ${message}`);
    }
  };

  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const cleanUp = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    const removed = await removeInstance(INSTANCE);
    await removeBareIncus();
    log(`server stopped, ${removed} node(s) removed`);
  };
  // Ctrl-C or a kill must not leave nodes running either.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(code)));
  }

  /** Lets the kernel finish deleting earlier nodes' btrfs clones before a measure that starts nodes. */
  const quiet = async (before: string) => {
    const waited = await waitForQuietDisk();
    notes.quietWaits.push(`${Math.round(waited)} s before ${before}`);
    if (waited > 3) log(`waited ${Math.round(waited)} s for btrfs-cleaner`);
  };

  try {
    await quiet('the references');
    await measure('docker run reference', async () => {
      const run = await measureDockerRun(N.dockerRuns);
      results.dockerRunMs.p50 = percentile(run.samples, 50);
      notes.samples['docker run'] = run.samples.length;
      notes.references.dockerRun = run.what;
    });

    await measure('bare Incus container reference', async () => {
      const bare = await measureBareIncus(N.bareLaunches, N.bareExecs);
      results.incusLaunchMs.p50 = percentile(bare.launch.samples, 50);
      results.incusExecMs.p50 = percentile(bare.exec, 50);
      notes.samples['bare incus launches'] = bare.launch.samples.length;
      notes.samples['bare incus execs'] = bare.exec.length;
      notes.references.incusLaunch = bare.command;
      notes.facts.push(
        `Bare Incus container (\`${bare.command}\`, then \`incus exec NAME -- true\`): launch until the first exec returns p50 ${percentile(bare.launch.samples, 50)} ms (samples ${bare.launch.samples.map(Math.round).join(', ')} ms); \`incus delete --force\` afterwards p50 ${percentile(bare.remove, 50)} ms, not counted; \`incus exec NAME -- true\` in a running one p50 ${percentile(bare.exec, 50)} ms (the CLI's own start-up included).`,
      );
    });

    const serverOptions = { port: 3200, dataDir: DATA_DIR, instance: INSTANCE, maxSessions: SESSION_CAP + 10, logFile: '.cache/bench-server.log', env: SERVER_ENV };
    /** A server of its own for the next measure: the previous one and its nodes gone, the disk quiet. */
    const serverFor = async (measureName: string, poolSize: number, logFile = serverOptions.logFile) => {
      if (server) await server.stop();
      await removeInstance(INSTANCE);
      await quiet(measureName);
      log(`starting the server on port 3200, ${poolSize > 0 ? `with a warm pool of ${poolSize}` : 'without warm pool'}`);
      return startServer({ ...serverOptions, poolSize, logFile });
    };
    server = await serverFor('lab start', 0);
    const baseUrl = server.baseUrl;
    // The bench's own view of the nodes (list, exec, shells): the driver the server uses, on the same instance.
    const driver = new IncusSandboxDriver({ instance: INSTANCE });
    browser = await launchBrowser();
    const { context, page } = await newProbedPage(browser, baseUrl);

    await measure('lab start', async () => {
      const starts = await measureLabStarts(page, N.starts, log);
      const samples = starts.map((s) => s.ms);
      results.startMs.p50 = percentile(samples, 50);
      results.startMs.p95 = percentile(samples, 95);
      notes.samples['lab starts'] = samples.length;
      notes.facts.push(`Lab start without pool, ${phases(starts)}.`);
    });

    // The last start stays open: echo, flood and checks use its session.
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const student = new Student(baseUrl, cookie);
    const view = await student.call<{ session: { id: string } | null }>('GET', `/api/labs/${LAB}/session`);
    const sessionId = view.body.session?.id;

    await measure('exec round trip reference', async () => {
      if (!sessionId) throw new Error('no running session');
      const samples = await measureExecRoundTrip(driver, await sandboxOf(sessionId), N.execs);
      results.execRoundTripMs.p50 = percentile(samples, 50);
      notes.samples['exec round trips'] = samples.length;
    });

    await measure('keystroke echo', async () => {
      const samples = await measureEcho(page, N.echo);
      const drawn = samples.map((s) => s.drawnMs);
      const arrived = samples.map((s) => s.arrivedMs);
      results.echoMs.p50 = percentile(drawn, 50);
      results.echoMs.p99 = percentile(drawn, 99);
      notes.samples['echoes'] = samples.length;
      const inPage = samples.map((s) => s.drawnMs - s.arrivedMs);
      notes.facts.push(
        `Quiet echo: the echo's websocket message was dispatched in the page at p50 ${percentile(arrived, 50)} ms, p99 ${percentile(arrived, 99)} ms after the keydown (browser → server → Incus exec websocket → tmux client → tmux → bash in the node, and back, plus, when it applies, Chromium holding incoming messages after a key press until its next frame); from there to the DOM change, xterm.js's write queue and its rendering on an animation frame took p50 ${percentile(inPage, 50)} ms, p99 ${percentile(inPage, 99)} ms.`,
      );
    });

    await measure('keystroke echo without Chromium deferral (reference)', async () => {
      const samples = await measureEchoWithoutDeferral(context, baseUrl, N.echoReference);
      const drawn = samples.map((s) => s.drawnMs);
      const arrived = samples.map((s) => s.arrivedMs);
      notes.samples['echoes without deferral'] = samples.length;
      notes.facts.push(
        `Echo reference: the same keys in a Chromium started with \`${NO_DEFERRAL_ARGS.join(' ')}\` (it then dispatches an incoming websocket message at once instead of after the frame that follows a key press): drawn p50 ${percentile(drawn, 50)} ms, p99 ${percentile(drawn, 99)} ms; message dispatched p50 ${percentile(arrived, 50)} ms, p99 ${percentile(arrived, 99)} ms. Any difference with the quiet echo above is the browser's own scheduling (students' Chromium has the default one), or noise between two browsers.`,
      );
    });

    await measure('output flood', async () => {
      const flood = await measureFlood(page, N.floodBytes);
      results.floodMBps = flood.mbps === null ? null : round(flood.mbps);
      results.floodEchoP99Ms = percentile(flood.echoMs, 99);
      notes.samples['echoes during the flood'] = flood.echoMs.length;
      notes.flood = { maxKeys: FLOOD_KEYS, receivedMB: round(flood.receivedMChars), keys: flood.keys, echoed: flood.echoMs.length, echoedBeforeMarker: flood.echoedBeforeMarker, markerDrawn: flood.markerDrawn };
      const p = (values: number[], rank: number) => percentile(values, rank) ?? '—';
      notes.facts.push(
        `Flood: the shell's ${(flood.payloadBytes / 1e6).toFixed(1)} MB ${flood.markerDrawn ? `were worked through and the end marker drawn ${flood.seconds.toFixed(1)} s after Enter` : `had not ended on screen ${flood.seconds.toFixed(0)} s after Enter (no end marker)`}; only ${round(flood.receivedMChars, 2)} M characters reached the page on its websocket (socket.io framing included): tmux skipped the screens the browser could not draw in time and redrew the current one. Keys pressed during the flood: ${flood.keys}. Their echo was drawn p50 ${p(flood.echoMs, 50)} ms, p99 ${p(flood.echoMs, 99)} ms after the keydown (websocket arrival p50 ${p(flood.arrivalMs, 50)} ms, p99 ${p(flood.arrivalMs, 99)} ms); ${flood.echoedBeforeMarker} of them came in a frame before the end marker's, ${flood.echoMs.length - flood.echoedBeforeMarker} with the flood's end (readline showing the keys typed ahead once bash is back), ${flood.lostEchoes} never.`,
      );
    });

    await measure('Ctrl+C during a flood', async () => {
      const samples = await measureInterrupt(page, N.interrupts);
      notes.samples['interrupts'] = samples.length;
      notes.facts.push(
        `Ctrl+C during an endless flood (\`yes\` of 200-character lines, once it streams): the next prompt was drawn ${samples.map((ms) => `${Math.round(ms)} ms`).join(', ')} after the keydown.`,
      );
    });

    await measure('browser floor (reference)', async () => {
      if (!browser) throw new Error('no browser');
      const floor = await measureBrowserFloor(browser, await terminalBox(page), N.echoFloor, N.floodBytes);
      const drawn = floor.echo.map((s) => s.drawnMs);
      notes.floor = { echoP50Ms: percentile(drawn, 50), echoP99Ms: percentile(drawn, 99), floodMBps: round(floor.floodMBps) };
      notes.samples['echoes on the instant terminal'] = floor.echo.length;
      notes.facts.push(
        `Browser floor: on a page with the same xterm.js, settings and size over socket.io, against a server that answers at once in memory, an echo is drawn at p50 ${notes.floor.echoP50Ms} ms, p99 ${notes.floor.echoP99Ms} ms; and xterm.js parses and draws the flood's lines, generated in the page and acknowledged as the lab page does, at ${notes.floor.floodMBps} MB/s. No server can make the lab terminal's echo faster than this.`,
      );
    });

    await measure('step check', async () => {
      if (!sessionId) throw new Error('no running session');
      await prepareStepZero(page);
      const checks = await measureChecks(student, sessionId, N.checks);
      results.checkMs.p95 = percentile(checks.samples, 95);
      notes.samples['checks'] = checks.samples.length;
      notes.facts.push(`Step check: p50 ${percentile(checks.samples, 50)} ms; ${checks.passed} of ${checks.samples.length} passed.`);
    });

    await endLabInPage(page).catch(() => undefined);
    await browser.close();
    browser = undefined;

    // A second server, with one spare node: each start waits until a spare is ready, as a
    // student does who arrives after the previous one (the pool refills in a few seconds).
    server = await serverFor('lab start with warm pool', 1, '.cache/bench-server-pool.log');
    browser = await launchBrowser();
    const pooledBase = server.baseUrl;
    const pooled = await newProbedPage(browser, pooledBase);
    await measure('lab start with warm pool', async () => {
      let spares = new Set<string>();
      let fromSpare = 0;
      const waitForSpare = async () => {
        const deadline = Date.now() + 60_000;
        while (!(await spareReady(INSTANCE))) {
          if (Date.now() > deadline) throw new Error('no spare node ready within 60 s');
          await new Promise((r) => setTimeout(r, 250));
        }
        // The pool records a spare once its engine answers the driver: give it that moment.
        await new Promise((r) => setTimeout(r, 1_000));
        spares = new Set((await nodesOf(INSTANCE)).filter((n) => n.config['user.dockyard.spare'] === 'true').map((n) => n.name));
      };
      const notePool = async () => {
        const cookies = (await pooled.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
        const current = await new Student(pooledBase, cookies).call<{ session: { id: string } | null }>('GET', `/api/labs/${LAB}/session`);
        const id = current.body.session?.id;
        if (id && spares.has(await sandboxOf(id).catch(() => ''))) fromSpare += 1;
      };
      const starts = await measureLabStarts(pooled.page, N.starts, log, waitForSpare, notePool);
      const samples = starts.map((s) => s.ms);
      notes.facts.push(`Lab start from the warm pool (${fromSpare} of ${starts.length} starts got the spare), ${phases(starts)}.`);
      results.startMs.pooledP50 = percentile(samples, 50);
      results.startMs.pooledP95 = percentile(samples, 95);
      notes.samples['lab starts with warm pool'] = samples.length;
      notes.pooledFromSpare = fromSpare;
      await endLabInPage(pooled.page).catch(() => undefined);
    });
    await browser.close();
    browser = undefined;

    // A third server, without pool again, for the idle sessions: no spare node among them.
    server = await serverFor('idle sessions', 0, '.cache/bench-server-idle.log');
    const idleBase = server.baseUrl;
    await measure('idle sessions', async () => {
      const capacity = await measureCapacity(idleBase, driver, SESSION_CAP, log);
      const mib = (kib: number) => kib / 1024;
      const nodes = capacity.nodes;
      const pss = nodes.map((n) => mib(n.pssKiB));
      const cgroup = nodes.flatMap((n) => (n.cgroup ? [n.cgroup.usageBytes / 2 ** 20] : []));
      const cache = nodes.flatMap((n) => (n.cgroup ? [n.cgroup.cacheBytes / 2 ** 20] : []));
      const mapped = nodes.flatMap((n) => (n.cgroup ? [n.cgroup.mappedFileBytes / 2 ** 20] : []));
      const show = (value: number | null) => (value === null ? '—' : `${round(value, 0)} MiB`);
      results.idleSessions = capacity.answering;
      results.memPerSessionMiB = mean(pss) === null ? null : round(mean(pss) as number, 0);
      results.memory = {
        rssSumMiB: nullable(mean(nodes.map((n) => mib(n.rssKiB)))),
        anonMiB: nullable(mean(nodes.map((n) => mib(n.pssAnonKiB)))),
        fileMiB: nullable(mean(nodes.map((n) => mib(n.pssFileKiB + n.pssShmemKiB)))),
        cgroupMiB: nullable(mean(cgroup)),
        memAvailableDropMiB: nullable(capacity.memAvailableDropMiBPerSession),
      };
      const perNode = results.memPerSessionMiB;
      const fitting = (perNodeMiB: number | null) => (perNodeMiB && perNodeMiB > 0 ? Math.floor((capacity.memAvailableBeforeGiB * 1024) / perNodeMiB) : null);
      notes.facts.push(
        `Idle sessions: ${capacity.started} started in ${capacity.startSeconds.toFixed(0)} s, ${capacity.answering} with their inner engine answering, ${capacity.shellsOpened} with their terminal opened once (tmux and bash running); stopped at ${capacity.stoppedBecause}${capacity.retried.length > 0 ? ` (${capacity.retried.length} start(s) refused once and started on a retry: ${capacity.retried.join('; ')})` : ''}. Per node (mean over ${nodes.length}, ${round(mean(nodes.map((n) => n.processes)) ?? 0, 0)} processes each): RSS + mapped files (Σ Pss) ${show(mean(pss))}, of which anonymous ${show(results.memory.anonMiB)} and file-backed ${show(results.memory.fileMiB)}; Σ Rss ${show(results.memory.rssSumMiB)} (pages shared between a node's processes counted once per process); min–max Σ Pss ${show(Math.min(...pss))}–${show(Math.max(...pss))}. Memory cgroup per node ${show(mean(cgroup))} (page cache ${show(mean(cache))}, of it mapped ${show(mean(mapped))}). Host MemAvailable ${capacity.memAvailableBeforeGiB.toFixed(1)} → ${capacity.memAvailableAfterGiB.toFixed(1)} GiB: ${show(capacity.memAvailableDropMiBPerSession)} per session. At these rates the ${capacity.memAvailableBeforeGiB.toFixed(1)} GiB available before the run would hold about ${fitting(perNode) ?? '—'} idle nodes by Σ Pss, ${fitting(mean(cgroup)) ?? '—'} by cgroup memory, ${fitting(capacity.memAvailableDropMiBPerSession) ?? '—'} by MemAvailable drop.`,
      );
    });
    notes.loadAtEnd = loadAverage();
  } catch (err) {
    notes.errors.push(`bench: ${(err as Error).message}`);
    log(`FAILED ${(err as Error).message}`);
  } finally {
    await cleanUp();
  }

  notes.durationSeconds = (Date.now() - began) / 1000;
  await writeResults('bench/results.json', results);
  await writeReport('docs/benchmarks.md', results, notes);
  log(`wrote bench/results.json and docs/benchmarks.md\n${JSON.stringify(results, null, 2)}`);
  return notes.errors.length > 0 ? 1 : 0;
}

/** Where a start's time went, from the click: p50 of each phase. */
function phases(starts: StartSample[]): string {
  const p50 = (values: Array<number | null>) => percentile(values.filter((v): v is number => v !== null), 50) ?? '—';
  return (
    `p50 from the click: start request answered ${p50(starts.map((s) => s.answeredMs))} ms (session, node, its bridge and joining), ` +
    `terminal attached by the server ${p50(starts.map((s) => s.readyMs))} ms (page, socket.io, the Incus exec of the node's shell), ` +
    `first terminal output ${p50(starts.map((s) => s.firstOutputMs))} ms (tmux's first screen), ` +
    `prompt drawn ${p50(starts.map((s) => s.ms))} ms (samples ${starts.map((s) => Math.round(s.ms)).join(', ')} ms)`
  );
}

function nullable(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : round(value, 0);
}

/** Files under `dir` modified after `since` (ms): a build older than its sources measures old pages. */
async function newerThan(dir: string, since: number): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await newerThan(path, since)));
    else if ((await stat(path)).mtimeMs > since) found.push(path);
  }
  return found;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[bench] ${(err as Error).message}`);
    process.exit(1);
  },
);
