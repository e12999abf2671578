/**
 * `/healthz` and `/readyz`, for load balancers, supervisors and the systemd unit. Liveness says
 * the process answers; readiness says this server can serve students now: its database
 * answers, every migration it knows is applied, its runtime engine answers, its content is
 * loaded. Each probe has a deadline, so the answer always comes within 100 ms: a probe that
 * hangs (a database behind a dead link) counts as down rather than keeping the balancer waiting.
 */
export type ProbeName = 'database' | 'migrations' | 'runtime' | 'content';

export interface ReadinessProbes {
  /** Resolves once the database answered a trivial query. */
  database: () => Promise<void>;
  /** Names of the migrations the database has recorded; compared with `knownMigrations`. */
  appliedMigrations: () => Promise<string[]>;
  knownMigrations: string[];
  /** Resolves once the sandbox engine answered. */
  runtime: () => Promise<void>;
  /** Resolves once the built-in course's outline was read again (its folder still there and valid). */
  content: () => Promise<void>;
}

export interface ProbeResult {
  ok: boolean;
  /** Why not, in English (operators' logs and dashboards). */
  error?: string;
  ms: number;
}

export interface Readiness {
  ready: boolean;
  checks: Record<ProbeName, ProbeResult>;
}

/** A probe's share of the 100 ms: they run in parallel, with some room for the answer itself. */
export const PROBE_DEADLINE_MS = 80;

export async function checkReadiness(probes: ReadinessProbes, deadlineMs = PROBE_DEADLINE_MS): Promise<Readiness> {
  const [database, migrations, runtime, content] = await Promise.all([
    timed(probes.database(), deadlineMs),
    timed(
      probes.appliedMigrations().then((applied) => {
        const missing = probes.knownMigrations.filter((name) => !applied.includes(name));
        if (missing.length > 0) throw new Error(`not applied: ${missing.join(', ')}`);
      }),
      deadlineMs,
    ),
    timed(probes.runtime(), deadlineMs),
    timed(probes.content(), deadlineMs),
  ]);
  const checks = { database, migrations, runtime, content };
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}

async function timed(probe: Promise<void>, deadlineMs: number): Promise<ProbeResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${deadlineMs} ms`)), deadlineMs);
  });
  try {
    await Promise.race([probe, deadline]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), ms: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
    // A probe that lost the race may still fail later: that must not become an unhandled rejection.
    probe.catch(() => undefined);
  }
}
