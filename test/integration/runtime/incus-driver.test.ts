/**
 * The Incus driver against the real engine: one node shared by these tests (creating it is
 * the slow part), always destroyed in afterAll. The incus CLI witnesses what Incus really
 * holds, so the driver never checks itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { SandboxRef, Shell } from '@/runtime/driver';
import { RuntimeTimeoutError } from '@/runtime/errors';
import { incusCli, quotasCounted, recordShell, requireImages, TEST_INSTANCE, testSpec } from './fixtures';
import { testDriver } from './test-driver';

// An instance label of this file's own: whatever another test file does meanwhile (its
// prepare() releasing its bridges, its reaper) never touches these nodes.
const instance = `${TEST_INSTANCE}-driver-${randomUUID().slice(0, 8)}`;
const driver = testDriver(instance);
const spec = testSpec('node1');
const made: SandboxRef[] = [];
let sandbox: SandboxRef | undefined;

function sandboxId(): string {
  if (!sandbox) throw new Error('le nœud de test n’a pas été créé');
  return sandbox.id;
}

const sh = (script: string, id = sandboxId()) => driver.exec(id, ['bash', '-c', script], { timeoutMs: 120_000 });

/** The node's config as `incus config show` prints it (YAML), one key per line. */
async function incusConfig(id: string): Promise<string> {
  const { code, out } = await incusCli('config', 'show', id);
  if (code !== 0) throw new Error(out);
  return out;
}

/** A cgroup limit as the node itself reads it (cgroup v1 file, or its cgroup v2 equivalent). */
async function cgroupLimit(id: string, v1: string, v2: string): Promise<string> {
  return (await sh(`cat /sys/fs/cgroup/${v1} 2>/dev/null || cat /sys/fs/cgroup/${v2}`, id)).output.trim();
}

/** CPU time allowed per period inside the node, as "quota period" in microseconds. */
async function cpuQuota(id: string): Promise<string> {
  const script = 'if [ -f /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]; then echo "$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)"; else cat /sys/fs/cgroup/cpu.max; fi';
  return (await sh(script, id)).output.trim();
}

async function attach(): Promise<{ shell: Shell; screen: ReturnType<typeof recordShell> }> {
  const shell = await driver.attachShell(sandboxId(), { cols: 80, rows: 24 });
  return { shell, screen: recordShell(shell) };
}

function exited(shell: Shell): Promise<number | null> {
  return new Promise((resolve) => shell.onExit(resolve));
}

beforeAll(async () => {
  await requireImages();
  await driver.prepare();
  const started = performance.now();
  sandbox = await driver.create(spec);
  made.push(sandbox);
  console.info(`[mesure] création du nœud (jusqu'au moteur interne prêt) : ${Math.round(performance.now() - started)} ms`);
});

afterAll(async () => {
  await Promise.all(made.map((ref) => driver.destroy(ref.id)));
  await driver.stop();
});

describe('create and list', () => {
  it('lists the new node by its labels, running, with its hostname', async () => {
    const listed = (await driver.list()).find((ref) => ref.id === sandboxId());
    expect(listed).toMatchObject({ sessionId: spec.sessionId, lab: spec.lab, node: 'node1' });
    expect(listed?.createdAt.getTime()).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(await driver.isRunning(sandboxId())).toBe(true);
    expect((await driver.exec(sandboxId(), ['hostname'])).output.trim()).toBe('node1');
  });

  it('labels the node in Incus (user.dockyard.* keys), so a restarted server finds it again', async () => {
    const config = await incusConfig(sandboxId());
    expect(config).toMatch(/^ {2}user\.dockyard\.managed: "true"$/m);
    expect(config).toMatch(new RegExp(`^ {2}user\\.dockyard\\.instance: ${instance}$`, 'm'));
    expect(config).toMatch(new RegExp(`^ {2}user\\.dockyard\\.session: ${spec.sessionId}$`, 'm'));
    expect(config).toMatch(new RegExp(`^ {2}user\\.dockyard\\.lab: ${spec.lab}$`, 'm'));
    expect(config).toMatch(/^ {2}user\.dockyard\.node: node1$/m);
  });

  it('gives the node a routed eth0 at the address its label records, in its session’s /26', async () => {
    const config = await incusConfig(sandboxId());
    const subnet = /^ {2}user\.dockyard\.subnet: (\S+)$/m.exec(config)?.[1] ?? '';
    const address = /^ {2}user\.dockyard\.address: (\S+)$/m.exec(config)?.[1] ?? '';
    expect(subnet).toMatch(/^10\.\d+\.\d+\.\d+\/26$/);
    expect((await incusCli('config', 'device', 'get', sandboxId(), 'eth0', 'nictype')).out.trim()).toBe('routed');
    expect((await incusCli('config', 'device', 'get', sandboxId(), 'eth0', 'ipv4.address')).out.trim()).toBe(address);
    const inside = await sh("ip -4 -o addr show dev eth0 | awk '{print $4}'; ip route | awk '/default/{print $3}'");
    expect(inside.output.trim().split('\n')).toEqual([`${address}/32`, '169.254.0.1']);
  });
});

describe('limits hold inside the node', () => {
  it('gives a node the default limits: 2 GiB of memory, 1024 processes, one CPU’s time', async () => {
    expect(await cgroupLimit(sandboxId(), 'memory/memory.limit_in_bytes', 'memory.max')).toBe(String(2048 * 1024 * 1024));
    expect(await cgroupLimit(sandboxId(), 'pids/pids.max', 'pids.max')).toBe('1024');
    expect(await cpuQuota(sandboxId())).toBe('100000 100000');
  });

  it('applies the lab’s own limits, its disk quota included: writing past it fails in the node', async () => {
    const limited = await driver.create({ ...testSpec('worker-2'), limits: { memoryMiB: 512, cpus: 0.5, pids: 256, diskGiB: 1 } });
    made.push(limited);
    expect(await cgroupLimit(limited.id, 'memory/memory.limit_in_bytes', 'memory.max')).toBe(String(512 * 1024 * 1024));
    expect(await cgroupLimit(limited.id, 'pids/pids.max', 'pids.max')).toBe('256');
    expect(await cpuQuota(limited.id)).toBe('50000 100000');
    await quotasCounted();
    // 3 GiB into a 1 GiB allowance: the student gets the gigabyte, then the write stops with
    // the error they would read (df shows the whole pool, not the quota: the write is the proof).
    const filled = await sh('dd if=/dev/zero of=/root/remplissage bs=1M count=3072 2>&1; echo "code=$?"; rm -f /root/remplissage', limited.id);
    expect(filled.output).toMatch(/No space left on device|Disk quota exceeded/);
    expect(filled.output).not.toContain('code=0');
    const written = Number(/(\d+) bytes/.exec(filled.output)?.[1]);
    expect(written).toBeGreaterThan(900 * 1024 * 1024);
    expect(written).toBeLessThan(2 * 1024 * 1024 * 1024);
  });
});

describe('exec', () => {
  it('returns stdout and stderr in the order they were written, and the exit code', async () => {
    const ok = await driver.exec(sandboxId(), ['sh', '-c', 'echo un; echo deux >&2; echo trois; echo quatre >&2']);
    expect(ok).toEqual({ exitCode: 0, output: 'un\ndeux\ntrois\nquatre\n' });
    const failed = await driver.exec(sandboxId(), ['sh', '-c', 'echo raté >&2; exit 3']);
    expect(failed).toEqual({ exitCode: 3, output: 'raté\n' });
  });

  it('gives stdin to the command, then end of file, and passes the environment', async () => {
    // wc and cat only finish once their input ends: returning at all proves the end of file.
    const counted = await driver.exec(sandboxId(), ['wc', '-l'], { stdin: 'a\nb\nc\n' });
    expect(counted.output.trim()).toBe('3');
    const echoed = await driver.exec(sandboxId(), ['cat'], { stdin: 'ligne é\n' });
    expect(echoed).toEqual({ exitCode: 0, output: 'ligne é\n' });
    const script = await driver.exec(sandboxId(), ['bash', '-s'], { stdin: 'echo "$GREETING $((6 * 7))"\n', env: { GREETING: 'réponse' } });
    expect(script).toEqual({ exitCode: 0, output: 'réponse 42\n' });
  });

  it('keeps at most its output cap of a command that prints a lot, and says it cut it', async () => {
    const capped = testDriver(instance, { maxOutputBytes: 1000 });
    const result = await capped.exec(sandboxId(), ['sh', '-c', 'seq 1 100000; echo fini >&2']);
    expect(result.exitCode).toBe(0);
    expect(result.output.startsWith('1\n2\n3\n')).toBe(true);
    expect(result.output).toContain('sortie tronquée à 1000 octets');
    expect(result.output).not.toContain('fini');
    expect(result.output.length).toBeLessThan(1200);
  });

  it('stops a command that outlives its timeout, its background children too, with what it printed', async () => {
    const error = await driver
      .exec(sandboxId(), ['sh', '-c', 'sleep 301 & sleep 302 & echo début; wait'], { timeoutMs: 1_000 })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(RuntimeTimeoutError);
    expect((error as RuntimeTimeoutError).partialOutput).toBe('début\n');
    // The whole process group went, not only the shell that started it.
    const left = await sh("pgrep -f 'sleep 30[12]' || true");
    expect(left.output).toBe('');
  });
});

describe('attachShell', () => {
  it('runs what is typed in a login shell, in /root, with a coloured prompt', async () => {
    const { shell, screen } = await attach();
    try {
      await screen.waitFor(/root.*@.*node1.*:.*~.*# /);
      shell.write('echo he$((1+1))llo $PWD $TERM $LANG\r');
      await screen.waitFor(/he2llo \/root \S+-256color C\.UTF-8/);
    } finally {
      shell.kill();
      await exited(shell);
    }
  });

  it('keeps what is typed at once until tmux has drawn its screen, then runs it', async () => {
    // Typed before tmux starts, a line is echoed by the bare terminal and tmux then drops it
    // (a student's first command, lost in CI on a loaded machine): it must wait for tmux.
    const { shell, screen } = await attach();
    try {
      shell.write('echo tout-de-$((20+1))-suite\r');
      await screen.waitFor(/tout-de-21-suite/);
      expect(screen.text().indexOf('echo tout-de-')).toBeGreaterThan(screen.text().indexOf('\x1b['));
    } finally {
      shell.kill();
      await exited(shell);
    }
  });

  it('applies the initial size, then a resize', async () => {
    const { shell, screen } = await attach();
    try {
      shell.write('echo "TAILLE $(stty size)"\r');
      await screen.waitFor(/TAILLE 24 80/);
      await shell.resize({ cols: 132, rows: 43 });
      await shell.resize({ cols: 0, rows: 0 }); // ignored (hidden tab)
      shell.write('echo "TAILLE $(stty size)"\r');
      await screen.waitFor(/TAILLE 43 132/);
    } finally {
      shell.kill();
      await exited(shell);
    }
  });

  it('decodes UTF-8 split across chunks', async () => {
    const { shell, screen } = await attach();
    try {
      shell.write("printf 'é%.0s' $(seq 1 20000); echo; echo FIN-$((40+2))\r");
      await screen.waitFor(/FIN-42/, 30_000);
      expect(screen.text()).toContain('é'.repeat(70));
      expect(screen.text()).not.toContain('\uFFFD');
    } finally {
      shell.kill();
      await exited(shell);
    }
  });

  it('finds a detached shell again, with its variables, its jobs and its screen', async () => {
    const first = await attach();
    first.shell.write('export MARQUE=ici-$((20+1)); sleep 600 & echo AVANT-$((1+1))\r');
    await first.screen.waitFor(/AVANT-2/);
    first.shell.detach(); // the server goes away: the shell must not

    const { shell, screen } = await attach();
    try {
      await screen.waitFor(/AVANT-2/); // the screen is drawn again on attach
      shell.write('echo "[$MARQUE]"; jobs\r');
      await screen.waitFor(/\[ici-21\]/);
      await screen.waitFor(/Running\s+sleep 600/);
    } finally {
      shell.kill();
      await exited(shell);
    }
  });

  it('kill() ends the shell itself: the next attach is a fresh one', async () => {
    const first = await attach();
    first.shell.write('export MARQUE=tue; echo "PID=$$"\r');
    const pid = (await first.screen.waitFor(/PID=\d+/)).slice('PID='.length);
    const code = exited(first.shell);
    first.shell.kill();
    await code;
    const alive = await driver.exec(sandboxId(), ['sh', '-c', `kill -0 ${pid} 2>/dev/null && echo vivant || echo parti`]);
    expect(alive.output.trim()).toBe('parti');

    const { shell, screen } = await attach();
    try {
      shell.write('echo "[${MARQUE:-vide}]"\r');
      await screen.waitFor(/\[vide\]/);
    } finally {
      shell.kill();
      await exited(shell);
    }
  });

  it('ends the terminal when the student types exit, and resizing it then does not throw', async () => {
    const { shell, screen } = await attach();
    await screen.waitFor(/# /);
    const code = exited(shell);
    shell.write('exit 7\r');
    await code;
    await expect(shell.resize({ cols: 100, rows: 30 })).resolves.toBeUndefined();
    shell.write('ignored\r');
  });
});

describe('the inner Docker engine', () => {
  it('runs hello-world offline, pulled through the registry mirror', async () => {
    const started = performance.now();
    const result = await driver.exec(sandboxId(), ['docker', 'run', 'hello-world'], { timeoutMs: 60_000 });
    console.info(`[mesure] docker run hello-world dans le nœud (pull compris) : ${Math.round(performance.now() - started)} ms`);
    expect(result.exitCode, result.output).toBe(0);
    expect(result.output).toContain('Bonjour de Dockyard');
  });

  it('runs a Compose application with `docker compose`: services find each other by name', async () => {
    const compose = [
      'services:',
      '  web: { image: busybox, command: "sh -c \'mkdir -p /www; echo bonjour-compose > /www/index.html; httpd -f -p 80 -h /www\'" }',
      '  client: { image: busybox, command: "sh -c \'sleep 2; wget -qO- http://web/\'", depends_on: [web] }',
    ].join('\n');
    const script = `mkdir -p /root/app && cd /root/app && cat > compose.yaml && docker compose up -d && sleep 4 && docker compose logs client && docker compose down -v`;
    const result = await driver.exec(sandboxId(), ['bash', '-c', script], { stdin: compose, timeoutMs: 120_000 });
    expect(result.exitCode, result.output).toBe(0);
    expect(result.output).toContain('bonjour-compose');
  });

  it('runs busybox', async () => {
    const result = await driver.exec(sandboxId(), ['docker', 'run', '--rm', 'busybox', 'echo', 'ok'], { timeoutMs: 60_000 });
    expect(result.exitCode, result.output).toBe(0);
    expect(result.output).toMatch(/^ok$/m);
  });
});
