import { describe, expect, it } from 'vitest';
import { checkReadiness, type ReadinessProbes } from '@/server/health/readiness';

const fine: ReadinessProbes = {
  database: async () => undefined,
  appliedMigrations: async () => ['20260101000000_a', '20260201000000_b'],
  knownMigrations: ['20260101000000_a', '20260201000000_b'],
  runtime: async () => undefined,
  content: async () => undefined,
};

describe('checkReadiness', () => {
  it('is ready when every probe answers', async () => {
    const readiness = await checkReadiness(fine);
    expect(readiness.ready).toBe(true);
    expect(Object.values(readiness.checks).map((check) => check.ok)).toEqual([true, true, true, true]);
  });

  it('names the migrations the database has not applied', async () => {
    const readiness = await checkReadiness({ ...fine, appliedMigrations: async () => ['20260101000000_a'] });
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.migrations).toMatchObject({ ok: false, error: 'not applied: 20260201000000_b' });
  });

  it('counts a probe that does not answer in time as down, and answers anyway', async () => {
    const started = Date.now();
    const readiness = await checkReadiness({ ...fine, runtime: () => new Promise(() => undefined) }, 30);
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.runtime).toMatchObject({ ok: false, error: 'no answer within 30 ms' });
    expect(readiness.checks.database.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reports a failing probe’s own message', async () => {
    const readiness = await checkReadiness({ ...fine, database: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) });
    expect(readiness.checks.database).toMatchObject({ ok: false, error: 'connect ECONNREFUSED 127.0.0.1:5432' });
  });
});
