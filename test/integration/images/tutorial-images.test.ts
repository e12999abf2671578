/**
 * The catalog's images and tags that common tutorials use (Docker's getting-started and
 * "containerize your app" guides, compose samples), on the real engine, used as those
 * tutorials use them: curl in nginx, ping in bash, golang/python/node under their
 * -alpine and -slim tags, curlimages/curl and haproxy in front of a web server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireImages } from '../runtime/fixtures';
import { createNetwork, fetchPublished, image, publishedPort, removeEverything, run, start, waitFor } from './engine';

const NETWORK = 'dockyard-test-tutorials';
/** The web server the other containers call by name. */
const WEB = 'dockyard-test-tutorial-web';
const hostDir = mkdtempSync(join(tmpdir(), 'dockyard-tutorials-'));
chmodSync(hostDir, 0o755); // read by the images' own users (haproxy, curl_user)

function folderWith(name: string, files: Record<string, string>): string {
  const dir = join(hostDir, name);
  mkdirSync(dir, { mode: 0o755 });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content, { mode: 0o644 });
  return dir;
}

beforeAll(async () => {
  await requireImages();
  await removeEverything();
  await createNetwork(NETWORK);
  await start(image('nginx'), { name: WEB, network: NETWORK });
});

afterAll(async () => {
  await removeEverything();
  rmSync(hostDir, { recursive: true, force: true });
});

/** `docker run --rm --network …`: a container that calls the others by name. */
const onNetwork = (ref: string, cmd: string[]) => run(image(ref), { network: NETWORK, cmd });

describe('tools the official images have', () => {
  it('nginx and nginx:alpine have curl: one calls the other by name', async () => {
    for (const ref of ['nginx', 'nginx:alpine']) {
      const out = await waitFor(`curl depuis ${ref}`, async () => {
        const reply = await onNetwork(ref, ['curl', '-fsS', `http://${WEB}/`]);
        return reply.code === 0 ? reply : undefined;
      }, 30_000);
      expect(out.stdout).toContain('<title>Welcome to nginx!</title>');
    }
  });

  it('bash has ping: it reaches another container by name', async () => {
    const out = await onNetwork('bash', ['ping', '-c', '1', '-W', '5', WEB]);
    expect(out.stdout, out.stderr).toContain('1 packets transmitted, 1 received');
    expect(out.code).toBe(0);
  });
});

describe('language images under their tutorial tags', () => {
  it('golang: every tag runs go, and go run builds a hello world from a go.mod', async () => {
    for (const ref of ['golang', 'golang:1.21', 'golang:1.22-alpine', 'golang:1.23-alpine', 'golang:alpine']) {
      expect((await run(image(ref), { cmd: ['go', 'version'] })).stdout).toMatch(/^go version go1\.23\.\d+ linux\/amd64/);
    }
    const app = folderWith('go-app', {
      'go.mod': 'module example.com/bonjour\n\ngo 1.21\n',
      'main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("Bonjour depuis Go") }\n',
    });
    // As in Docker's Go guide: WORKDIR /app, then go build (GOCACHE in /tmp: the mount is read-only).
    const out = await run(image('golang:1.22-alpine'), {
      binds: [`${app}:/app:ro`],
      env: { GOCACHE: '/tmp/go-cache' },
      cmd: ['sh', '-c', 'cd /app && go build -o /tmp/bonjour . && /tmp/bonjour'],
    });
    expect(out.stdout.trim(), out.stderr).toBe('Bonjour depuis Go');
  });

  it('python: the -slim and -alpine tags run python3 and pip', async () => {
    for (const ref of ['python:3.12-slim', 'python:3.12-alpine', 'python:3.10', 'python:alpine', 'python:3.13-slim']) {
      expect((await run(image(ref), { cmd: ['python3', '-c', 'print(6 * 7)'] })).stdout.trim()).toBe('42');
    }
    expect((await run(image('python:3.12-slim'), { cmd: ['pip', '--version'] })).stdout).toMatch(/^pip \d+/);
  });

  it('node: the 20, 22 and lts tags run node and npm', async () => {
    for (const ref of ['node:20-alpine', 'node:22-slim', 'node:lts-slim', 'node:20']) {
      expect((await run(image(ref), { cmd: ['-e', 'console.log(6 * 7)'] })).stdout.trim()).toBe('42');
    }
    expect((await run(image('node:20-alpine'), { cmd: ['npm', '--version'] })).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('network tools', () => {
  it('curlimages/curl passes its arguments to curl, as curl_user', async () => {
    const page = await onNetwork('curlimages/curl', ['-fsS', `http://${WEB}/`]);
    expect(page.stdout).toContain('<title>Welcome to nginx!</title>');
    expect((await onNetwork('curlimages/curl', ['--version'])).stdout).toMatch(/^curl \d+\.\d+/);
    expect((await onNetwork('curlimages/curl', ['id', '-un'])).stdout.trim()).toBe('curl_user');
  });

  it('haproxy checks a mounted haproxy.cfg, then balances to the web server', async () => {
    const config = folderWith('haproxy', {
      'haproxy.cfg': [
        'global', '  log stdout format raw local0',
        'defaults', '  mode http', '  log global', '  option httplog',
        '  timeout connect 5s', '  timeout client 30s', '  timeout server 30s',
        'frontend web', '  bind :80', '  default_backend sites',
        'backend sites', `  server web1 ${WEB}:80 check`, '',
      ].join('\n'),
    });
    const binds = [`${config}:/usr/local/etc/haproxy:ro`];
    const check = await run(image('haproxy:2.8'), { network: NETWORK, binds, cmd: ['-c', '-f', '/usr/local/etc/haproxy/haproxy.cfg'] });
    expect(check.all).toContain('Configuration file is valid');
    const proxy = await start(image('haproxy:lts'), { network: NETWORK, binds, publish: ['80/tcp'] });
    const port = await publishedPort(proxy, '80/tcp');
    const body = await waitFor('réponse à travers haproxy', async () => {
      const response = await fetchPublished(port);
      return response.ok ? response.text() : undefined;
    }, 30_000);
    expect(body).toContain('<title>Welcome to nginx!</title>');
  });
});
