/**
 * docs/grafana-dashboard.json: a dashboard Grafana imports (unique ids, panels on the grid
 * without overlap, one data source input), whose queries read only metrics Dockyard serves,
 * and which shows each family the operations guide promises.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DockyardMetrics } from '@/server/metrics/dockyard-metrics';
import { metricNames } from './exposition';

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { uid: string };
  targets?: Array<{ expr: string }>;
}

const dashboard = JSON.parse(await readFile(new URL('../../../docs/grafana-dashboard.json', import.meta.url), 'utf8')) as {
  __inputs: Array<{ name: string; type: string }>;
  uid: string;
  panels: Panel[];
};
const panels = dashboard.panels;
const queries = panels.flatMap((panel) => panel.targets ?? []).map((target) => target.expr);

describe('the Grafana dashboard', () => {
  it('is laid out as Grafana expects', () => {
    expect(dashboard.__inputs).toEqual([expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource' })]);
    expect(new Set(panels.map((panel) => panel.id)).size).toBe(panels.length);
    for (const panel of panels) {
      expect(['row', 'timeseries', 'stat']).toContain(panel.type);
      expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
      if (panel.type !== 'row') expect(panel.datasource?.uid).toBe('${DS_PROMETHEUS}');
    }
    const cells = new Map<string, string>();
    for (const { title, gridPos } of panels) {
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect(cells.get(`${x},${y}`), `« ${title} » overlaps`).toBeUndefined();
          cells.set(`${x},${y}`, title);
        }
      }
    }
  });

  it('reads only metrics Dockyard serves, and each family of them', async () => {
    const served = new Set(metricNames(await new DockyardMetrics().render()));
    const read = new Set(queries.flatMap((query) => [...query.matchAll(/\bdockyard_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, ''))));
    for (const name of read) expect(served, name).toContain(name);
    expect([...read]).toEqual(
      expect.arrayContaining([
        'dockyard_sessions',
        'dockyard_sessions_by_machine',
        'dockyard_lab_start_duration_seconds',
        'dockyard_checks_total',
        'dockyard_capacity_refusals_total',
        'dockyard_warm_pool_takes_total',
        'dockyard_terminal_sockets',
        'dockyard_terminal_bytes_total',
        'dockyard_reaper_actions_total',
        'dockyard_lti_score_posts_total',
        'dockyard_http_requests_total',
        'dockyard_nodejs_eventloop_lag_seconds',
        'dockyard_process_resident_memory_bytes',
      ]),
    );
    expect(queries.some((query) => query.startsWith('histogram_quantile(0.9, sum by (le) (rate(dockyard_lab_start_duration_seconds_bucket'))).toBe(true);
  });
});
