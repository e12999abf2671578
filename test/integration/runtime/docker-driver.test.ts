/**
 * The Docker driver against the real engine: one sandbox shared by these tests (creating it
 * is the slow part), always destroyed in afterAll.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerSandboxDriver } from '@/runtime/docker/docker-driver';
import type { SandboxRef } from '@/runtime/driver';
import { RuntimeTimeoutError } from '@/runtime/errors';
import { dockerCli, recordShell, requireImages, TEST_INSTANCE, testSpec } from './fixtures';

const driver = new DockerSandboxDriver({ instance: TEST_INSTANCE });
const spec = testSpec('node1');
let sandbox: SandboxRef | undefined;

function sandboxId(): string {
  if (!sandbox) throw new Error('le bac à sable de test n’a pas été créé');
  return sandbox.id;
}

beforeAll(async () => {
  await requireImages();
  await driver.prepare();
  const started = performance.now();
  sandbox = await driver.create(spec);
  console.info(`[mesure] création du bac à sable (jusqu'au moteur interne prêt) : ${Math.round(performance.now() - started)} ms`);
});

afterAll(async () => {
  if (sandbox) await driver.destroy(sandbox.id);
});

describe('create and list', () => {
  it('lists the new sandbox by its labels, running, with its hostname', async () => {
    const listed = (await driver.list()).find((ref) => ref.id === sandboxId());
    expect(listed).toMatchObject({ sessionId: spec.sessionId, lab: spec.lab, node: 'node1' });
    expect(listed?.createdAt.getTime()).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(await driver.isRunning(sandboxId())).toBe(true);
    expect((await driver.exec(sandboxId(), ['hostname'])).output.trim()).toBe('node1');
  });

  it('runs the sandbox on its session’s own network with its limits and a disk of its own', async () => {
    const { out } = await dockerCli(
      'inspect',
      '--format',
      '{{.HostConfig.NetworkMode}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}} {{range .Mounts}}{{.Type}}:{{.Destination}}{{end}}',
      sandboxId(),
    );
    expect(out.trim()).toBe(`dockyard-s-${spec.sessionId} ${2048 * 1024 * 1024} 1000000000 1024 bind:/node-disk`);
    // The node's files and its engine's storage both sit on the 10 GiB disk.
    const sizes = await driver.exec(sandboxId(), ['sh', '-c', 'df -P -BM / /var/lib/docker | tail -n 2']);
    const totals = sizes.output.trim().split('\n').map((line) => Number(line.split(/\s+/)[1]?.replace('M', '')));
    for (const total of totals) expect(total).toBeGreaterThan(9_500);
    for (const total of totals) expect(total).toBeLessThanOrEqual(10_240);
  });
});

describe('exec', () => {
  it('returns stdout and stderr in order, and the exit code', async () => {
    const ok = await driver.exec(sandboxId(), ['sh', '-c', 'echo un; echo deux >&2; echo trois']);
    expect(ok).toEqual({ exitCode: 0, output: 'un\ndeux\ntrois\n' });
    const failed = await driver.exec(sandboxId(), ['sh', '-c', 'echo raté >&2; exit 3']);
    expect(failed).toEqual({ exitCode: 3, output: 'raté\n' });
  });

  it('feeds stdin and passes the environment', async () => {
    const counted = await driver.exec(sandboxId(), ['wc', '-l'], { stdin: 'a\nb\nc\n' });
    expect(counted.output.trim()).toBe('3');
    const script = await driver.exec(sandboxId(), ['bash', '-s'], { stdin: 'echo "$GREETING $((6 * 7))"\n', env: { GREETING: 'réponse' } });
    expect(script).toEqual({ exitCode: 0, output: 'réponse 42\n' });
  });

  it('stops a command that outlives its timeout, with a typed error', async () => {
    const started = performance.now();
    const error = await driver
      .exec(sandboxId(), ['sh', '-c', 'echo début; sleep 31'], { timeoutMs: 1_000 })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(RuntimeTimeoutError);
    expect((error as RuntimeTimeoutError).partialOutput).toBe('début\n');
    expect(performance.now() - started).toBeLessThan(5_000);
    const left = await driver.exec(sandboxId(), ['sh', '-c', "pgrep -fx 'sleep 31' || true"]);
    expect(left.output).toBe('');
  });
});

describe('attachShell', () => {
  it('runs what is typed in a login shell, in /root, with a coloured prompt', async () => {
    const shell = await driver.attachShell(sandboxId(), { cols: 80, rows: 24 });
    try {
      const screen = recordShell(shell);
      await screen.waitFor(/root.*@.*node1.*:.*~.*# /);
      shell.write('echo he$((1+1))llo $PWD $TERM $LANG\r');
      await screen.waitFor(/he2llo \/root xterm-256color C\.UTF-8/);
    } finally {
      shell.kill();
    }
  });

  it('applies the initial size, then a resize', async () => {
    const shell = await driver.attachShell(sandboxId(), { cols: 80, rows: 24 });
    try {
      const screen = recordShell(shell);
      shell.write('echo "TAILLE $(stty size)"\r');
      await screen.waitFor(/TAILLE 24 80/);
      await shell.resize({ cols: 132, rows: 43 });
      await shell.resize({ cols: 0, rows: 0 }); // ignored (hidden tab)
      shell.write('echo "TAILLE $(stty size)"\r');
      await screen.waitFor(/TAILLE 43 132/);
    } finally {
      shell.kill();
    }
  });

  it('decodes UTF-8 split across chunks', async () => {
    const shell = await driver.attachShell(sandboxId(), { cols: 80, rows: 24 });
    try {
      const screen = recordShell(shell);
      shell.write("printf 'é%.0s' $(seq 1 20000); echo FIN\r");
      await screen.waitFor(/é{20000}FIN/);
      expect(screen.text()).not.toContain('\uFFFD');
    } finally {
      shell.kill();
    }
  });

  it('reports the exit code, and resizing a finished shell does not throw', async () => {
    const shell = await driver.attachShell(sandboxId(), { cols: 80, rows: 24 });
    const code = new Promise<number | null>((resolve) => shell.onExit(resolve));
    shell.write('exit 7\r');
    expect(await code).toBe(7);
    await expect(shell.resize({ cols: 100, rows: 30 })).resolves.toBeUndefined();
    shell.write('ignored\r');
  });

  it('kill() hangs up the shell inside the sandbox', async () => {
    const shell = await driver.attachShell(sandboxId(), { cols: 80, rows: 24 });
    const screen = recordShell(shell);
    shell.write('echo "PID=$$"\r');
    const pid = (await screen.waitFor(/PID=\d+/)).slice('PID='.length);
    const code = new Promise<number | null>((resolve) => shell.onExit(resolve));
    shell.kill();
    await code;
    const alive = await driver.exec(sandboxId(), ['sh', '-c', `kill -0 ${pid} 2>/dev/null && echo vivant || echo parti`]);
    expect(alive.output.trim()).toBe('parti');
  });
});

describe('the inner Docker engine', () => {
  it('runs hello-world offline, pulled through the Dockyard registry', async () => {
    const started = performance.now();
    const result = await driver.exec(sandboxId(), ['docker', 'run', 'hello-world'], { timeoutMs: 60_000 });
    console.info(`[mesure] docker run hello-world dans le bac à sable (pull compris) : ${Math.round(performance.now() - started)} ms`);
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
