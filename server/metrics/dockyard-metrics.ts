/**
 * Dockyard's Prometheus metrics: the only module that makes them (all named `dockyard_…`),
 * in one registry of its own. Counters and histograms are fed by small hooks (metric-hooks.ts,
 * callbacks); gauges of what the database and the runtime hold are read at scrape time, so
 * they are Dockyard's whole (the same on every web replica), while `…_starting`, the terminal
 * gauges and the process's figures are this server's. docs/operations.md#metrics lists them.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PrismaClient } from '../../generated/prisma/client';
import type { SandboxDriver } from '../../runtime/driver';
import type { CapacityScope } from '../sessions/capacity-error';
import type { ReapReport } from '../sessions/reaper';
import type { TerminalTraffic } from '../terminal/counted-shell';
import type { HttpMetrics, LabStartKind, LabStartOutcome, SessionMetrics } from './metric-hooks';

/** What the scrape-time gauges read; given once the server has made them (watch). */
export interface MetricSources {
  prisma: PrismaClient;
  driver: Pick<SandboxDriver, 'list' | 'machines' | 'spares'>;
  /** Terminal sockets (students' and live views) connected to this server now. */
  terminalSockets: () => number;
}

type Labels = Record<string, string>;
type Samples = Array<[Labels, number]>;

/** Sessions that hold machines: the states the gauges count. */
const LIVE_STATES = ['running', 'paused'];
/** A runtime machine that does not answer makes Incus's listing wait up to 20 s: a scrape does not. */
const LISTING_DEADLINE_MS = 3_000;
const START_BUCKETS = [0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60, 120];
const CHECK_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class DockyardMetrics implements SessionMetrics, HttpMetrics {
  readonly registry = new Registry();
  private sources: Partial<MetricSources> = {};

  private readonly starting = this.gauge('dockyard_sessions_starting', 'Lab starts (new or resumed) in progress on this server, by lab.', ['lab']);
  private readonly starts = this.counter(
    'dockyard_lab_starts_total',
    'Lab starts by lab, kind (new, resumed) and outcome (ready, failed, refused for lack of room).',
    ['lab', 'kind', 'outcome'],
  );
  private readonly startSeconds = this.histogram(
    'dockyard_lab_start_duration_seconds',
    'Time from the start request to the lab machines ready (shell and inner engine answering), as the server sees it, for starts that succeeded.',
    ['lab', 'kind'],
    START_BUCKETS,
  );
  private readonly checks = this.counter(
    'dockyard_checks_total',
    'Step checks run in lab machines, by lab and result (passed, failed).',
    ['lab', 'result'],
  );
  private readonly checkSeconds = this.histogram(
    'dockyard_check_duration_seconds',
    'Time a step check script took in its lab machine, by lab.',
    ['lab'],
    CHECK_BUCKETS,
  );
  private readonly refusals = this.counter(
    'dockyard_capacity_refusals_total',
    'Lab starts refused for lack of room: scope owner (the student holds the most sessions allowed, HTTP 429) or machine (every place taken, HTTP 503).',
    ['scope'],
  );
  private readonly spareTakes = this.counter(
    'dockyard_warm_pool_takes_total',
    'Lab nodes asked of the warm pool, by image and outcome: hit (a spare node was ready) or miss (the node was made at the start).',
    ['image', 'outcome'],
  );
  private readonly terminalBytes = this.counter(
    'dockyard_terminal_bytes_total',
    "Bytes through this server's lab terminals: output read from the shells (once per shell, whatever the number of viewers) and input typed into them.",
    ['direction'],
  );
  private readonly reaperActions = this.counter(
    'dockyard_reaper_actions_total',
    'What the reaper did: action orphan-removed (a node no session records), session-ended or session-paused, with the reason.',
    ['action', 'reason'],
  );
  private readonly ltiPosts = this.counter(
    'dockyard_lti_score_posts_total',
    'Scores posted to LMS platforms (LTI Assignment and Grade Services), by outcome: sent or failed (retried later).',
    ['outcome'],
  );
  private readonly httpRequests = this.counter(
    'dockyard_http_requests_total',
    'API requests answered by route pattern, method and status.',
    ['route', 'method', 'status'],
  );
  private readonly httpSeconds = this.histogram(
    'dockyard_http_request_duration_seconds',
    'Time to answer API requests, by route pattern and method.',
    ['route', 'method'],
    HTTP_BUCKETS,
  );
  private readonly collectErrors = this.counter(
    'dockyard_metrics_collect_errors_total',
    'Gauges that could not be read at a scrape (their source failed or was too slow), left empty then; shown from the next scrape on.',
    ['source'],
  );

  constructor(private readonly options: { log?: (message: string) => void; processMetrics?: boolean } = {}) {
    // Memory, CPU, event-loop lag, handles, garbage collection: this process's.
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'dockyard_' });
    this.scraped('dockyard_sessions', 'Lab sessions holding machines, by state (running, paused) and lab.', ['state', 'lab'], 'database', () => this.sessionsByLab());
    this.scraped('dockyard_sessions_by_machine', 'Lab sessions by runtime machine (Incus cluster member) their nodes run on, and state.', ['machine', 'state'], 'runtime', () => this.sessionsByMachine());
    this.scraped('dockyard_runtime_machines', 'Runtime machines as Incus sees them: 1 for each machine, with its state (online, down, maintenance).', ['machine', 'state'], 'runtime', async () => {
      const machines = await this.source('driver').machines();
      return machines.map((machine) => [{ machine: machine.name, state: machine.state }, 1]);
    });
    this.scraped('dockyard_lti_scores_pending', 'Scores waiting to be posted to LMS platforms (new, or retried after a failure).', [], 'database', async () => [
      [{}, await this.source('prisma').ltiScoreOutbox.count({ where: { status: 'pending' } })],
    ]);
    this.scraped('dockyard_warm_pool_spares', 'Spare lab nodes ready in the warm pool, by image (only the server keeping the pool holds any).', ['image'], 'runtime', async () =>
      Object.entries(this.sources.driver?.spares?.() ?? {}).map(([image, count]) => [{ image }, count]),
    );
    this.scraped('dockyard_terminal_sockets', 'Terminal sockets (students and live views) connected to this server.', [], 'terminals', async () => [[{}, this.sources.terminalSockets?.() ?? 0]]);
  }

  /** The parts the gauges read, known once the server has made them. */
  watch(sources: Partial<MetricSources>): void {
    this.sources = { ...this.sources, ...sources };
  }

  /** Prometheus's text format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  labStart(lab: string, kind: LabStartKind): (outcome: LabStartOutcome, seconds: number) => void {
    this.starting.inc({ lab });
    let ended = false;
    return (outcome, seconds) => {
      if (ended) return;
      ended = true;
      this.starting.dec({ lab });
      this.starts.inc({ lab, kind, outcome });
      if (outcome === 'ready') this.startSeconds.observe({ lab, kind }, seconds);
    };
  }

  checkRan(lab: string, passed: boolean, seconds: number): void {
    this.checks.inc({ lab, result: passed ? 'passed' : 'failed' });
    this.checkSeconds.observe({ lab }, seconds);
  }

  capacityRefused(scope: CapacityScope): void {
    this.refusals.inc({ scope });
  }

  httpRequest(route: string, method: string, status: number, seconds: number): void {
    this.httpRequests.inc({ route, method, status: String(status) });
    this.httpSeconds.observe({ route, method }, seconds);
  }

  /** The warm pool's `onTake`. */
  readonly spareTaken = (image: string, hit: boolean): void => {
    this.spareTakes.inc({ image, outcome: hit ? 'hit' : 'miss' });
  };

  /** The shell hub's byte counts. */
  readonly terminalTraffic: TerminalTraffic = {
    input: (bytes) => this.terminalBytes.inc({ direction: 'input' }, bytes),
    output: (bytes) => this.terminalBytes.inc({ direction: 'output' }, bytes),
  };

  /** The reaper's `onPass`. */
  readonly reaperPassed = (report: ReapReport): void => {
    if (report.orphansRemoved.length > 0) this.reaperActions.inc({ action: 'orphan-removed', reason: 'orphan' }, report.orphansRemoved.length);
    for (const { reason } of report.sessionsEnded) this.reaperActions.inc({ action: 'session-ended', reason });
    for (const { reason } of report.sessionsPaused) this.reaperActions.inc({ action: 'session-paused', reason });
  };

  /** The LTI score outbox's `onPosted`. */
  readonly ltiScorePosted = (outcome: 'sent' | 'failed'): void => {
    this.ltiPosts.inc({ outcome });
  };

  private gauge(name: string, help: string, labelNames: string[]): Gauge {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  private counter(name: string, help: string, labelNames: string[]): Counter {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram(name: string, help: string, labelNames: string[], buckets: number[]): Histogram {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /** A gauge read at each scrape; a source that fails leaves it empty and is counted, never fails the scrape. */
  private scraped(name: string, help: string, labelNames: string[], source: string, read: () => Promise<Samples>): void {
    const errors = this.collectErrors;
    const log = this.options.log;
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        const samples = await read().catch((error: unknown) => {
          errors.inc({ source });
          log?.(`métriques : ${name} non lue (${(error as Error).message})`);
          return [];
        });
        this.reset();
        for (const [labels, value] of samples) this.set(labels, value);
      },
    });
  }

  private source<Key extends 'prisma' | 'driver'>(key: Key): MetricSources[Key] {
    const found = this.sources[key];
    if (!found) throw new Error(`${key} pas encore prêt`);
    return found as MetricSources[Key];
  }

  private async sessionsByLab(): Promise<Samples> {
    const groups = await this.source('prisma').labSession.groupBy({
      by: ['state', 'lab'],
      where: { state: { in: LIVE_STATES } },
      _count: { _all: true },
    });
    return groups.map((group) => [{ state: group.state, lab: group.lab }, group._count._all]);
  }

  /** Each session counted once per machine its nodes run on (all of a session's nodes share one). */
  private async sessionsByMachine(): Promise<Samples> {
    const driver = this.source('driver');
    const prisma = this.source('prisma');
    const [listed, nodes] = await Promise.all([
      withDeadline(driver.list(), LISTING_DEADLINE_MS, 'la liste des nœuds'),
      prisma.sandboxNode.findMany({
        where: { session: { state: { in: LIVE_STATES } } },
        select: { sandboxId: true, session: { select: { id: true, state: true } } },
      }),
    ]);
    const machineOf = new Map(listed.map((node) => [node.id, node.machine ?? 'unknown']));
    const sessions = new Map<string, { labels: Labels; ids: Set<string> }>();
    for (const node of nodes) {
      const labels = { machine: machineOf.get(node.sandboxId) ?? 'unknown', state: node.session.state };
      const key = `${labels.machine}\u0000${labels.state}`;
      const entry = sessions.get(key) ?? { labels, ids: new Set<string>() };
      entry.ids.add(node.session.id);
      sessions.set(key, entry);
    }
    return [...sessions.values()].map(({ labels, ids }) => [labels, ids.size]);
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} n'a pas répondu en ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
