/**
 * `npm run bench`: starts the real Dockyard server, measures lab start, keystroke echo,
 * output flood, step checks and idle capacity, each beside a reference timed in the same run,
 * then writes bench/results.json and docs/benchmarks.md. It measures and records; it never
 * fails on a figure. Whatever happens, it stops its server and removes its sandboxes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { DockerSandboxDriver } from '../runtime/docker/docker-driver';
import { endLabInPage, launchBrowser, newProbedPage } from './lib/browser';
import { foreignSandboxes, removeInstance, removeNodeDisks, sandboxOf, spareReady } from './lib/docker-cli';
import { describeMachine, loadAverage, otherWork } from './lib/machine';
import { startServer, type RunningServer } from './lib/server';
import { percentile, round } from './lib/stats';
import { LAB, Student } from './lib/student';
import { measureCapacity } from './measures/capacity';
import { measureChecks, prepareStepZero } from './measures/checks';
import { measureEcho } from './measures/echo';
import { measureEchoWithoutDeferral, NO_DEFERRAL_ARGS } from './measures/echo-without-deferral';
import { measureBrowserFloor, terminalBox } from './measures/browser-floor';
import { measureFlood } from './measures/flood';
import { measureLabStarts } from './measures/lab-start';
import { measureDockerRun, measureExecRoundTrip } from './measures/references';
import { writeReport, writeResults, type Results, type RunNotes } from './report';

const INSTANCE = 'bench';
const DATA_DIR = '.cache/bench-data';
const SESSION_CAP = Number(process.env.BENCH_SESSIONS ?? 60);
// Sized so that the whole run stays under 10 minutes on 2 cores.
const N = { starts: 10, dockerRuns: 5, echo: 200, echoReference: 100, echoFloor: 100, execs: 30, checks: 30, floodBytes: 100_000_000 };

const began = Date.now();
const log = (line: string) => console.log(`[bench ${((Date.now() - began) / 1000).toFixed(0).padStart(3)} s] ${line}`);

async function main(): Promise<number> {
  if (!Number.isInteger(SESSION_CAP) || SESSION_CAP < 1) throw new Error('BENCH_SESSIONS must be a positive integer');
  const commit = spawnSync('git', ['describe', '--always', '--dirty'], { encoding: 'utf8' }).stdout?.trim() || 'unknown';
  const notes: RunNotes = { samples: {}, conditions: [], facts: [], errors: [], durationSeconds: 0, commit, floodBytes: N.floodBytes, floor: null };
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
  if (leftovers > 0) log(`removed ${leftovers} sandbox(es) left by an earlier bench`);

  const results: Results = {
    startMs: { p50: null, p95: null, pooledP50: null, pooledP95: null },
    dockerRunMs: { p50: null },
    echoMs: { p50: null, p99: null },
    execRoundTripMs: { p50: null },
    floodMBps: null,
    floodEchoP99Ms: null,
    idleSessions: null,
    memPerSessionMiB: null,
    checkMs: { p95: null },
    machine: await describeMachine(),
    date: new Date().toISOString(),
  };

  /** Runs one measure; a failure is recorded and the next measures still run. */
  const measure = async (name: string, body: () => Promise<void>): Promise<void> => {
    notes.conditions.push({
      measure: name,
      load: loadAverage(),
      foreignSandboxes: await foreignSandboxes(INSTANCE).catch(() => -1),
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
    await removeNodeDisks(join(DATA_DIR, 'disks', INSTANCE));
    log(`server stopped, ${removed} sandbox(es) removed`);
  };
  // Ctrl-C or a kill must not leave sandboxes running either.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(code)));
  }

  try {
    await measure('docker run reference', async () => {
      const samples = await measureDockerRun(N.dockerRuns);
      results.dockerRunMs.p50 = percentile(samples, 50);
      notes.samples['docker run'] = samples.length;
    });

    log('starting the server on port 3200, without warm pool');
    const serverOptions = { port: 3200, dataDir: DATA_DIR, instance: INSTANCE, maxSessions: SESSION_CAP + 10, logFile: '.cache/bench-server.log' };
    server = await startServer({ ...serverOptions, poolSize: 0 });
    const baseUrl = server.baseUrl;
    const driver = new DockerSandboxDriver({ instance: INSTANCE });
    browser = await launchBrowser();
    const { context, page } = await newProbedPage(browser, baseUrl);

    await measure('lab start', async () => {
      const samples = await measureLabStarts(page, N.starts, log);
      results.startMs.p50 = percentile(samples, 50);
      results.startMs.p95 = percentile(samples, 95);
      notes.samples['lab starts'] = samples.length;
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
        `Quiet echo: the echo's websocket message was dispatched in the page at p50 ${percentile(arrived, 50)} ms, p99 ${percentile(arrived, 99)} ms after the keydown (browser → server → sandbox → back, plus Chromium holding incoming messages after a key press until its next frame); from there to the DOM change, xterm.js's write queue and its rendering on an animation frame took p50 ${percentile(inPage, 50)} ms, p99 ${percentile(inPage, 99)} ms.`,
      );
    });

    await measure('keystroke echo without Chromium deferral (reference)', async () => {
      const samples = await measureEchoWithoutDeferral(context, baseUrl, N.echoReference);
      const drawn = samples.map((s) => s.drawnMs);
      const arrived = samples.map((s) => s.arrivedMs);
      notes.samples['echoes without deferral'] = samples.length;
      notes.facts.push(
        `Echo reference: the same keys in a Chromium started with \`${NO_DEFERRAL_ARGS.join(' ')}\` (it then dispatches an incoming websocket message at once instead of after the frame that follows a key press): drawn p50 ${percentile(drawn, 50)} ms, p99 ${percentile(drawn, 99)} ms; message dispatched p50 ${percentile(arrived, 50)} ms, p99 ${percentile(arrived, 99)} ms. The difference with the quiet echo above is the browser's own scheduling, which students' Chromium applies too.`,
      );
    });

    await measure('output flood', async () => {
      const flood = await measureFlood(page, N.floodBytes);
      results.floodMBps = round(flood.mbps);
      results.floodEchoP99Ms = percentile(flood.echoMs, 99);
      notes.samples['echoes during the flood'] = flood.echoMs.length;
      notes.facts.push(
        `Flood: ${(flood.payloadBytes / 1e6).toFixed(1)} MB drawn in ${flood.seconds.toFixed(1)} s; the websocket carried ${round(flood.socketMCharsPerSecond)} M characters/s (socket.io framing and JSON escapes included); echo during the flood p50 ${percentile(flood.echoMs, 50) ?? '—'} ms drawn; the echo's websocket message was dispatched in the page at p50 ${percentile(flood.arrivalMs, 50) ?? '—'} ms, p99 ${percentile(flood.arrivalMs, 99) ?? '—'} ms, so the wait is queued before xterm.js gets the data (server socket buffers or the browser's message queue, behind the flood), not in xterm.js's own write queue; ${flood.lostEchoes} key(s) never echoed.`,
      );
    });

    await measure('browser floor (reference)', async () => {
      if (!browser) throw new Error('no browser');
      const floor = await measureBrowserFloor(browser, await terminalBox(page), N.echoFloor, N.floodBytes);
      const drawn = floor.echo.map((s) => s.drawnMs);
      notes.floor = { echoP50Ms: percentile(drawn, 50), echoP99Ms: percentile(drawn, 99), floodMBps: round(floor.floodMBps) };
      notes.samples['echoes on the instant terminal'] = floor.echo.length;
      notes.facts.push(
        `Browser floor: on a page with the same xterm.js, settings and size over socket.io, against a server that answers at once in memory, an echo is drawn at p50 ${notes.floor.echoP50Ms} ms, p99 ${notes.floor.echoP99Ms} ms; and xterm.js parses and draws the flood's lines, generated in the page and acknowledged as the lab page does, at ${notes.floor.floodMBps} MB/s. No server can make the lab terminal faster than these.`,
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

    await measure('idle sessions', async () => {
      const capacity = await measureCapacity(baseUrl, driver, SESSION_CAP, log);
      results.idleSessions = capacity.answering;
      results.memPerSessionMiB = capacity.memPerSessionMiB === null ? null : round(capacity.memPerSessionMiB, 0);
      notes.facts.push(
        `Idle sessions: ${capacity.started} started in ${capacity.startSeconds.toFixed(0)} s, ${capacity.answering} answering; stopped at ${capacity.stoppedBecause}. MemAvailable ${capacity.memAvailableBeforeGiB.toFixed(1)} → ${capacity.memAvailableAfterGiB.toFixed(1)} GiB; cgroup memory per sandbox (docker stats) ${capacity.cgroupMiBPerSandbox === null ? '—' : round(capacity.cgroupMiBPerSandbox, 0)} MiB.`,
      );
    });

    // A second server, with one spare node: each start waits until a spare is ready, as a
    // student does who arrives after the previous one (the pool refills in about a second).
    await server.stop();
    await removeInstance(INSTANCE);
    log('starting the server on port 3200, with a warm pool of 1');
    server = await startServer({ ...serverOptions, poolSize: 1 });
    browser = await launchBrowser();
    const pooled = await newProbedPage(browser, server.baseUrl);
    await measure('lab start with warm pool', async () => {
      const waitForSpare = async () => {
        const deadline = Date.now() + 60_000;
        while (!(await spareReady(INSTANCE))) {
          if (Date.now() > deadline) throw new Error('no spare node ready within 60 s');
          await new Promise((r) => setTimeout(r, 250));
        }
      };
      const samples = await measureLabStarts(pooled.page, N.starts, log, waitForSpare);
      results.startMs.pooledP50 = percentile(samples, 50);
      results.startMs.pooledP95 = percentile(samples, 95);
      notes.samples['lab starts with warm pool'] = samples.length;
      await endLabInPage(pooled.page).catch(() => undefined);
    });
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
