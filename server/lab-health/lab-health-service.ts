/**
 * « Santé des labs »: every lab of every pack tested each night by lab:test (the runner), the
 * history kept (the store), a lab that starts failing told to its instructors (the webhook,
 * and the notices on /admin and /classes), and what the page shows to whom (the scope). The
 * facade that server/main.ts builds and the routes and pages call.
 */
import type { SandboxDriver } from '../../runtime/driver';
import type { SignedInUser } from '../auth/caller';
import type { LeaseHandlers } from '../cluster/leases';
import { listAllLabs, loadCatalog, type PackCourse } from '../content/packs/catalog';
import { readLabIndex } from '../content/lab';
import { splitContentId } from '../content/packs/pack-registry';
import { ForbiddenError, NotFoundError } from '../errors';
import { runLabTest } from '../lab-test/run-lab-test';
import type { SessionService } from '../sessions/session-service';
import type { PrismaClient } from '../../generated/prisma/client';
import { DailySchedule, parseDailyTime } from './daily-schedule';
import { LabHealthRunner, type LabHealthRunnerDeps } from './lab-health-runner';
import { healthScope, type HealthScope } from './lab-health-scope';
import { LabHealthStore, type HealthResult, type RunTrigger } from './lab-health-store';
import { earliest, labAnchor, resultView, runView, type HealthRunView, type LabHealthNotice, type LabHealthPackView, type LabHealthView } from './lab-health-view';
import { postWebhook } from './lab-health-webhook';

export interface LabHealthServiceDeps {
  prisma: PrismaClient;
  sessions: SessionService;
  driver: SandboxDriver;
  /** DOCKYARD_LAB_HEALTH_AT: `HH:MM` (server time) or `off`. */
  at: string;
  /** DOCKYARD_LAB_HEALTH_WEBHOOK. */
  webhookUrl?: string;
  /** The page's absolute address, for the webhook's link. */
  pageUrl: string;
  /** How long a run may wait for room before it postpones the labs left (3 hours). */
  windowMs?: number;
  /** How often a run waiting for room looks again (15 s). */
  pollMs?: number;
  listLabs?: () => Promise<string[]>;
  catalog?: () => Promise<PackCourse[]>;
  testLab?: LabHealthRunnerDeps['testLab'];
  now?: () => Date;
  log: (message: string) => void;
}

const DEFAULT_WINDOW_MS = 3 * 3_600_000;
const DEFAULT_POLL_MS = 15_000;
/** Results shown per lab in its history. */
export const HISTORY_LENGTH = 10;
const RUNS_SHOWN = 5;

export class LabHealthService {
  readonly store: LabHealthStore;
  private readonly runner: LabHealthRunner;
  private readonly schedule: DailySchedule | null;
  /** The runs this server is doing, stopped with it. */
  private readonly going = new Set<AbortController>();

  constructor(private readonly deps: LabHealthServiceDeps) {
    this.store = new LabHealthStore(deps.prisma, deps.now);
    this.runner = new LabHealthRunner({
      store: this.store,
      sessions: deps.sessions,
      driver: deps.driver,
      listLabs: deps.listLabs ?? listAllLabs,
      testLab: deps.testLab ?? runLabTest,
      onStartsFailing: (result, title) => this.flag(result, title),
      pollMs: deps.pollMs ?? DEFAULT_POLL_MS,
      now: deps.now,
      log: deps.log,
    });
    const time = parseDailyTime(deps.at);
    this.schedule = time ? new DailySchedule(time, () => this.runScheduled(), deps.now) : null;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The `lab-health` lease's handlers: the schedule runs on the server that holds it. */
  lease(): LeaseHandlers {
    return {
      acquired: () => {
        this.schedule?.start();
        if (this.schedule?.nextAt) this.deps.log(`santé des labs : prochain passage le ${this.schedule.nextAt.toLocaleString('fr-FR')}`);
      },
      // The next night's run belongs to the next holder; a run going on here ends on its own
      // (the database keeps two runs from overlapping).
      lost: () => this.schedule?.stop(),
    };
  }

  /** At shutdown: the schedule, and the runs going on here after the lab being tested (its session ends). */
  stop(): void {
    this.schedule?.stop();
    for (const controller of this.going) controller.abort();
  }

  /** « Lancer maintenant » (admins): the run starts and goes on in the background. */
  async runNow(user: SignedInUser, pack?: string): Promise<HealthRunView> {
    if (user.role !== 'admin') throw new ForbiddenError('Seuls les administrateurs lancent les tests de labs.');
    if (pack && !(await this.listLabs()).some((lab) => splitContentId(lab).pack === pack)) {
      throw new NotFoundError(`Aucun lab du paquet « ${pack} » n'est servi.`);
    }
    const run = await this.start('admin', user.id, pack);
    return runView(run.opened, this.now());
  }

  /** The nightly run; awaited (tests call it too). */
  async runScheduled(): Promise<void> {
    try {
      await (await this.start('schedule', null)).done;
    } catch (error) {
      this.deps.log(`santé des labs : passage de la nuit non lancé : ${(error as Error).message}`);
    }
  }

  private async start(trigger: RunTrigger, requestedBy: string | null, pack?: string) {
    const opened = await this.store.openRun(trigger, requestedBy, this.deps.windowMs ?? DEFAULT_WINDOW_MS);
    const controller = new AbortController();
    this.going.add(controller);
    const done = this.runner
      .execute(opened, { pack, signal: controller.signal })
      .catch((error: Error) => this.deps.log(`santé des labs : passage interrompu : ${error.message}`))
      .finally(() => this.going.delete(controller));
    return { opened, done };
  }

  /** The page: each lab of the packs the reader may see; null for anyone else (403). */
  async view(user: SignedInUser): Promise<LabHealthView | null> {
    const scope = await this.scopeOf(user);
    if (!scope) return null;
    const labs = [...scope.labsByPack.values()].flat();
    const [states, runs, titles] = await Promise.all([
      this.store.states(labs, HISTORY_LENGTH),
      this.store.recentRuns(RUNS_SHOWN),
      Promise.all(labs.map(async (lab) => [lab, await labTitle(lab)] as const)).then((pairs) => new Map(pairs)),
    ]);
    const packs: LabHealthPackView[] = scope.packs.map((pack) => {
      const packLabs = (scope.labsByPack.get(pack.id) ?? []).map((lab) => {
        const state = states.get(lab);
        return {
          lab,
          title: titles.get(lab) ?? lab,
          latest: state?.latest ? resultView(state.latest) : null,
          lastTested: state?.lastTested ? resultView(state.lastTested) : null,
          failingSince: state?.failingSince?.toISOString() ?? null,
          history: (state?.history ?? []).map(resultView),
        };
      });
      return { id: pack.id, title: pack.title, labs: packLabs, failing: packLabs.filter((lab) => lab.failingSince).length };
    });
    const since = earliest([...states.values()].flatMap((state) => (state.failingSince ? [state.failingSince] : [])));
    return {
      packs,
      runs: runs.map((run) => runView(run, this.now())),
      schedule: this.deps.at,
      canRun: user.role === 'admin',
      failing: packs.reduce((sum, pack) => sum + pack.failing, 0),
      failingSince: since?.toISOString() ?? null,
    };
  }

  /** The banner: null when the reader sees no pack's health (the page would refuse them). */
  async notice(user: SignedInUser): Promise<LabHealthNotice | null> {
    if (user.role === 'student') return null;
    const scope = await this.scopeOf(user);
    if (!scope) return null;
    const failing = await this.store.failingSince([...scope.labsByPack.values()].flat());
    return { failing: failing.size, since: earliest(failing.values())?.toISOString() ?? null };
  }

  private async scopeOf(user: SignedInUser): Promise<HealthScope | null> {
    const [catalog, labs] = await Promise.all([(this.deps.catalog ?? loadCatalog)(), this.listLabs()]);
    return healthScope(user, catalog, labs);
  }

  private listLabs(): Promise<string[]> {
    return (this.deps.listLabs ?? listAllLabs)();
  }

  /** A lab starts failing: the webhook, when the operator set one (the notices read the results). */
  private async flag(result: HealthResult, title: string): Promise<void> {
    if (!this.deps.webhookUrl) return;
    const { step, problem, output } = resultView(result);
    const { lab, pack, packVersion, testedAt } = result;
    await postWebhook(
      this.deps.webhookUrl,
      { lab, title, pack, packVersion, step, problem, output: output ?? '', since: testedAt, url: `${this.deps.pageUrl}#${labAnchor(lab)}` },
      this.deps.log,
    );
  }
}

async function labTitle(lab: string): Promise<string> {
  return readLabIndex(lab)
    .then((index) => index.title)
    .catch(() => lab);
}
