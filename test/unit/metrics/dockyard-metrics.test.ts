/**
 * The registry and its hooks: what each hook moves in the text Prometheus reads, names and
 * help texts, and a scrape that survives a source that fails. The gauges read from the
 * database and the runtime are tested on real parts (test/integration/metrics).
 */
import { describe, expect, it } from 'vitest';
import { DockyardMetrics } from '@/server/metrics/dockyard-metrics';
import { metricNames, sampleSum } from './exposition';

const LAB = 'premiers-pas';

function fresh(log: string[] = []): DockyardMetrics {
  return new DockyardMetrics({ log: (message) => log.push(message) });
}

describe('the metrics registry', () => {
  it('names every metric dockyard_…, each with an English help text, process figures included', async () => {
    const text = await fresh().render();
    const names = metricNames(text);
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(name).toMatch(/^dockyard_[a-z0-9_]+$/);
    for (const name of names) expect(text).toMatch(new RegExp(`^# HELP ${name} [A-Z].{10,}`, 'm'));
    expect(names).toEqual(
      expect.arrayContaining([
        'dockyard_process_resident_memory_bytes',
        'dockyard_nodejs_eventloop_lag_seconds',
        'dockyard_sessions',
        'dockyard_lab_start_duration_seconds',
        'dockyard_checks_total',
        'dockyard_http_requests_total',
      ]),
    );
  });

  it('counts a lab start as starting, then ready with its time, once however often it is told', async () => {
    const metrics = fresh();
    const ended = metrics.labStart(LAB, 'new');
    expect(sampleSum(await metrics.render(), 'dockyard_sessions_starting', { lab: LAB })).toBe(1);
    ended('ready', 2.5);
    ended('failed', 9);
    const text = await metrics.render();
    expect(sampleSum(text, 'dockyard_sessions_starting', { lab: LAB })).toBe(0);
    expect(sampleSum(text, 'dockyard_lab_starts_total', { lab: LAB, kind: 'new', outcome: 'ready' })).toBe(1);
    expect(sampleSum(text, 'dockyard_lab_starts_total', { outcome: 'failed' })).toBe(0);
    expect(sampleSum(text, 'dockyard_lab_start_duration_seconds_count', { lab: LAB, kind: 'new' })).toBe(1);
    expect(sampleSum(text, 'dockyard_lab_start_duration_seconds_sum', { lab: LAB })).toBe(2.5);
    expect(sampleSum(text, 'dockyard_lab_start_duration_seconds_bucket', { lab: LAB, le: '2' })).toBe(0);
    expect(sampleSum(text, 'dockyard_lab_start_duration_seconds_bucket', { lab: LAB, le: '3' })).toBe(1);
  });

  it('keeps refused and failed starts out of the start-time histogram', async () => {
    const metrics = fresh();
    metrics.capacityRefused('machine');
    metrics.labStart(LAB, 'resumed')('refused', 0.1);
    metrics.labStart(LAB, 'new')('failed', 40);
    const text = await metrics.render();
    expect(sampleSum(text, 'dockyard_capacity_refusals_total', { scope: 'machine' })).toBe(1);
    expect(sampleSum(text, 'dockyard_lab_starts_total', { kind: 'resumed', outcome: 'refused' })).toBe(1);
    expect(sampleSum(text, 'dockyard_lab_starts_total', { kind: 'new', outcome: 'failed' })).toBe(1);
    expect(sampleSum(text, 'dockyard_lab_start_duration_seconds_count')).toBe(0);
  });

  it('counts checks by result and times them', async () => {
    const metrics = fresh();
    metrics.checkRan(LAB, false, 0.3);
    metrics.checkRan(LAB, true, 0.2);
    metrics.checkRan(LAB, true, 0.4);
    const text = await metrics.render();
    expect(sampleSum(text, 'dockyard_checks_total', { lab: LAB, result: 'passed' })).toBe(2);
    expect(sampleSum(text, 'dockyard_checks_total', { lab: LAB, result: 'failed' })).toBe(1);
    expect(sampleSum(text, 'dockyard_check_duration_seconds_count', { lab: LAB })).toBe(3);
  });

  it('counts requests, reaper actions, LTI posts, warm-pool takes and terminal bytes', async () => {
    const metrics = fresh();
    metrics.httpRequest('/api/sessions/[id]/check', 'POST', 429, 0.01);
    metrics.reaperPassed({ orphansRemoved: ['a', 'b'], sessionsEnded: [{ id: 's1', reason: 'lost' }], sessionsPaused: [{ id: 's2', reason: 'idle' }] });
    metrics.ltiScorePosted('failed');
    metrics.spareTaken('dockyard/node:latest', false);
    metrics.spareTaken('dockyard/node:latest', true);
    metrics.terminalTraffic.output(1000);
    metrics.terminalTraffic.input(3);
    const text = await metrics.render();
    expect(sampleSum(text, 'dockyard_http_requests_total', { route: '/api/sessions/[id]/check', method: 'POST', status: '429' })).toBe(1);
    expect(sampleSum(text, 'dockyard_http_request_duration_seconds_count', { route: '/api/sessions/[id]/check' })).toBe(1);
    expect(sampleSum(text, 'dockyard_reaper_actions_total', { action: 'orphan-removed' })).toBe(2);
    expect(sampleSum(text, 'dockyard_reaper_actions_total', { action: 'session-ended', reason: 'lost' })).toBe(1);
    expect(sampleSum(text, 'dockyard_reaper_actions_total', { action: 'session-paused', reason: 'idle' })).toBe(1);
    expect(sampleSum(text, 'dockyard_lti_score_posts_total', { outcome: 'failed' })).toBe(1);
    expect(sampleSum(text, 'dockyard_warm_pool_takes_total', { outcome: 'miss' })).toBe(1);
    expect(sampleSum(text, 'dockyard_warm_pool_takes_total', { outcome: 'hit' })).toBe(1);
    expect(sampleSum(text, 'dockyard_terminal_bytes_total', { direction: 'output' })).toBe(1000);
    expect(sampleSum(text, 'dockyard_terminal_bytes_total', { direction: 'input' })).toBe(3);
  });

  it('answers a scrape whose sources fail: their gauges empty, the failures counted and logged', async () => {
    const log: string[] = [];
    const metrics = fresh(log);
    metrics.watch({
      driver: {
        list: () => Promise.reject(new Error('incusd ne répond pas')),
        machines: () => Promise.reject(new Error('incusd ne répond pas')),
        spares: () => ({ 'dockyard/node:latest': 2 }),
      },
      terminalSockets: () => 7,
    });
    // The failures of one scrape are counted while it is written: the next scrape shows them.
    await metrics.render();
    const text = await metrics.render();
    expect(sampleSum(text, 'dockyard_metrics_collect_errors_total', { source: 'runtime' })).toBe(2);
    expect(sampleSum(text, 'dockyard_metrics_collect_errors_total', { source: 'database' })).toBe(2);
    expect(text).not.toMatch(/^dockyard_runtime_machines\{/m);
    expect(sampleSum(text, 'dockyard_warm_pool_spares', { image: 'dockyard/node:latest' })).toBe(2);
    expect(sampleSum(text, 'dockyard_terminal_sockets')).toBe(7);
    expect(log.some((line) => line.includes('dockyard_runtime_machines') && line.includes('incusd ne répond pas'))).toBe(true);
  });
});
