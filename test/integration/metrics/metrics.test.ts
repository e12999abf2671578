/**
 * Prometheus metrics on real parts: a student starts the real lab through its route (a real
 * Incus node, a real database), checks a step before and after doing the work, types in its
 * terminal through the real gateway, is refused a lab for lack of room, ends the lab — and
 * the text /metrics serves moves each time. Then who may read /metrics, through the real
 * endpoint on a real HTTP server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { POST as startRoute } from '@/app/api/labs/[slug]/session/route';
import { DELETE as endRoute } from '@/app/api/sessions/[id]/route';
import { POST as checkRoute } from '@/app/api/sessions/[id]/checks/route';
import { DockyardMetrics } from '@/server/metrics/dockyard-metrics';
import { metricsEndpoint } from '@/server/metrics/metrics-endpoint';
import { CapacityError } from '@/server/sessions/capacity-error';
import { findLabSpec } from '@/server/sessions/find-lab-spec';
import { SessionService } from '@/server/sessions/session-service';
import { attachTerminalGateway, type TerminalGateway } from '@/server/terminal/gateway';
import { TERMINAL_EVENTS } from '@/server/terminal/events';
import { ShellHub } from '@/server/terminal/shell-hub';
import { sampleSum } from '@/test/unit/metrics/exposition';
import { requireImages } from '../runtime/fixtures';
import { openPlatform, type Person, type Platform } from '../platform-fixture';

const LAB = 'premiers-pas';
const OTHER_LAB = 'couches';
const TOKEN = 'jeton-prometheus-de-test-0123456789';
const metrics = new DockyardMetrics();
let platform: Platform;
let student: Person;
let shells: ShellHub;
let gateway: TerminalGateway;
let server: Server;
let port: number;
/** The /metrics rule the server applies now (a test changes the token). */
let metricsPage = metricsEndpoint(metrics, undefined);
let sessionId: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  await requireImages();
  platform = await openPlatform({ metrics });
  await platform.driver.prepare();
  student = await platform.signUp({ name: 'Inès' });
  shells = new ShellHub(platform.driver, 60_000, undefined, metrics.terminalTraffic);
  server = createServer((req, res) => {
    if (!metricsPage(req, res)) res.writeHead(404).end();
  });
  gateway = attachTerminalGateway(server, { callers: platform.services.callers, sessions: platform.services.sessions, shells, supervision: platform.services.supervision });
  metrics.watch({ prisma: platform.db.prisma, driver: platform.driver, terminalSockets: () => gateway.of('/').sockets.size });
  // Every address of this machine: a test reads /metrics from one that is not loopback.
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  shells?.detachAll();
  await gateway?.close();
  await platform?.close();
});

/** What a scrape reads now. */
const scrape = () => metrics.render();

function grew(before: string, after: string, name: string, labels: Record<string, string>): number {
  return sampleSum(after, name, labels) - sampleSum(before, name, labels);
}

describe('metrics of a lab', () => {
  it('count a start through its route, its time, and the session running on its machine', async () => {
    const before = await scrape();
    const response = await platform.call(startRoute, `/api/labs/${LAB}/session`, { as: student, method: 'POST', params: { slug: LAB } });
    expect(response.status).toBe(200);
    sessionId = (await response.json()).session.id;
    const after = await scrape();

    expect(grew(before, after, 'dockyard_lab_starts_total', { lab: LAB, kind: 'new', outcome: 'ready' })).toBe(1);
    expect(grew(before, after, 'dockyard_lab_start_duration_seconds_count', { lab: LAB, kind: 'new' })).toBe(1);
    const seconds = grew(before, after, 'dockyard_lab_start_duration_seconds_sum', { lab: LAB });
    expect(seconds).toBeGreaterThan(0.1);
    expect(seconds).toBeLessThan(120);
    expect(sampleSum(after, 'dockyard_sessions', { state: 'running', lab: LAB })).toBe(1);
    expect(sampleSum(after, 'dockyard_sessions_starting', { lab: LAB })).toBe(0);
    expect(grew(before, after, 'dockyard_http_requests_total', { route: '/api/labs/[slug]/session', method: 'POST', status: '200' })).toBe(1);

    // Its node's machine, as Incus names it.
    const machines = await platform.driver.machines();
    const machine = /^dockyard_sessions_by_machine\{machine="([^"]+)",state="running"\} 1$/m.exec(after)?.[1];
    expect(machines.map((m) => m.name)).toContain(machine);
    expect(sampleSum(after, 'dockyard_runtime_machines', { machine: machine ?? '', state: 'online' })).toBe(1);
  });

  it('count checks by result, failed before the work and passed after', async () => {
    const check = () => platform.call(checkRoute, `/api/sessions/${sessionId}/checks`, { as: student, body: { step: 0 }, params: { id: sessionId } });
    const before = await scrape();
    const failed = await check();
    expect((await failed.json()).attempt.passed).toBe(false);
    const afterFailure = await scrape();
    expect(grew(before, afterFailure, 'dockyard_checks_total', { lab: LAB, result: 'failed' })).toBe(1);
    expect(grew(before, afterFailure, 'dockyard_checks_total', { lab: LAB, result: 'passed' })).toBe(0);

    const node = await platform.db.prisma.sandboxNode.findFirstOrThrow({ where: { sessionId } });
    expect((await platform.driver.exec(node.sandboxId, ['docker', 'run', 'hello-world'])).output).toContain('Bonjour de Dockyard');
    expect((await (await check()).json()).attempt.passed).toBe(true);
    const after = await scrape();
    expect(grew(afterFailure, after, 'dockyard_checks_total', { lab: LAB, result: 'passed' })).toBe(1);
    expect(grew(before, after, 'dockyard_check_duration_seconds_count', { lab: LAB })).toBe(2);
    expect(grew(before, after, 'dockyard_http_requests_total', { route: '/api/sessions/[id]/checks', method: 'POST', status: '200' })).toBe(2);
  });

  it('count the terminal’s socket and its bytes both ways', async () => {
    const before = await scrape();
    const socket = connect(`http://127.0.0.1:${port}`, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: student.cookie }, reconnection: false });
    sockets.push(socket);
    let screen = '';
    socket.on(TERMINAL_EVENTS.output, (chunk: string, drawn?: () => void) => {
      screen += chunk;
      drawn?.();
    });
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => socket.emit(TERMINAL_EVENTS.attach, { sessionId, cols: 80, rows: 24 }));
      socket.on('connect_error', reject);
      socket.on(TERMINAL_EVENTS.status, (status: { state: string }) => status.state === 'ready' && resolve());
    });
    const typed = 'echo mesure-$((6*7))\r';
    socket.emit(TERMINAL_EVENTS.input, typed);
    await expect.poll(() => screen, { timeout: 15_000 }).toContain('mesure-42');
    const during = await scrape();
    expect(sampleSum(during, 'dockyard_terminal_sockets')).toBe(1);
    expect(grew(before, during, 'dockyard_terminal_bytes_total', { direction: 'input' })).toBe(typed.length);
    expect(grew(before, during, 'dockyard_terminal_bytes_total', { direction: 'output' })).toBeGreaterThanOrEqual('mesure-42'.length);

    socket.disconnect();
    await expect.poll(async () => sampleSum(await scrape(), 'dockyard_terminal_sockets')).toBe(0);
  });

  it('count a start refused for lack of room as a refusal, out of the start times', async () => {
    const onePerStudent = new SessionService({ prisma: platform.db.prisma, driver: platform.driver, findLab: findLabSpec, capacity: { perOwner: 1, perMachine: 60 }, metrics });
    const before = await scrape();
    const refusal = await onePerStudent.start(student.id, OTHER_LAB, student.id).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CapacityError);
    expect((refusal as CapacityError).status).toBe(429);
    const after = await scrape();
    expect(grew(before, after, 'dockyard_capacity_refusals_total', { scope: 'owner' })).toBe(1);
    expect(grew(before, after, 'dockyard_lab_starts_total', { lab: OTHER_LAB, kind: 'new', outcome: 'refused' })).toBe(1);
    expect(sampleSum(after, 'dockyard_lab_start_duration_seconds_count', { lab: OTHER_LAB })).toBe(0);
    expect(sampleSum(after, 'dockyard_sessions', { lab: OTHER_LAB })).toBe(0);
  });

  it('drop the session from the running gauge once it ends', async () => {
    const response = await platform.call(endRoute, `/api/sessions/${sessionId}`, { as: student, method: 'DELETE', params: { id: sessionId } });
    expect(response.status).toBe(200);
    const after = await scrape();
    expect(sampleSum(after, 'dockyard_sessions', { state: 'running', lab: LAB })).toBe(0);
    expect(sampleSum(after, 'dockyard_sessions_by_machine', { state: 'running' })).toBe(0);
    expect(sampleSum(after, 'dockyard_http_requests_total', { route: '/api/sessions/[id]', method: 'DELETE', status: '200' })).toBe(1);
  });
});

describe('/metrics', () => {
  const read = (headers: Record<string, string> = {}, host = '127.0.0.1', method = 'GET') =>
    fetch(`http://${host}:${port}/metrics`, { method, headers });

  it('with a token, answers its bearer only: 401 in JSON to anyone else, this machine included', async () => {
    metricsPage = metricsEndpoint(metrics, TOKEN);
    for (const refused of [await read(), await read({ authorization: `Bearer ${TOKEN.slice(1)}` }), await read({ authorization: TOKEN })]) {
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await refused.json()).toEqual({ status: 'unauthorized' });
    }
    const allowed = await read({ authorization: `Bearer ${TOKEN}` });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await allowed.text();
    expect(sampleSum(text, 'dockyard_lab_starts_total', { lab: LAB, outcome: 'ready' })).toBe(1);
    expect(text).toMatch(/^dockyard_process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^dockyard_nodejs_eventloop_lag_seconds [\d.e-]+$/m);
    expect((await read({ authorization: `Bearer ${TOKEN}` }, '127.0.0.1', 'POST')).status).toBe(405);
  });

  it('without a token, answers this machine’s direct requests, and 404 to a forwarded one', async () => {
    metricsPage = metricsEndpoint(metrics, undefined);
    const local = await read();
    expect(local.status).toBe(200);
    expect(await local.text()).toContain('# HELP dockyard_sessions ');
    const forwarded = await read({ 'x-forwarded-for': '203.0.113.9' });
    expect(forwarded.status).toBe(404);
    expect(await forwarded.json()).toEqual({ status: 'not found' });
  });

  const outside = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

  it.runIf(outside)('without a token, answers 404 to a request from another address', async () => {
    metricsPage = metricsEndpoint(metrics, undefined);
    const response = await read({}, outside);
    expect(response.status).toBe(404);
  });
});
