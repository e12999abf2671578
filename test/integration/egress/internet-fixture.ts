/**
 * The internet, as the egress tests see it, on a machine that has none: the operator's
 * setting applied for real (runtime/egress/egress-up.sh and the host firewall), and stand-ins
 * for what lies outside: a registry playing Docker Hub, and web servers in a network namespace
 * of their own (nodes cannot route there; only the host's egress proxy can).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dockerCli } from '../runtime/fixtures';

const run = promisify(execFile);

/** Where the tests' proxy writes its log (DOCKYARD_DATA_DIR), apart from a real Dockyard's. */
export const DATA_DIR = mkdtempSync(join(tmpdir(), 'dockyard-egress-'));
export const ACCESS_LOG = join(DATA_DIR, 'logs/egress/access.log');

/** Applies DOCKYARD_INTERNET (and the other settings) as ./dockyard start does. */
export async function setInternet(settings: Record<string, string>): Promise<void> {
  const env = { ...process.env, DOCKYARD_DATA_DIR: DATA_DIR, ...settings };
  await run('bash', ['runtime/egress/egress-up.sh'], { env });
  await run('bash', ['runtime/incus/host-firewall.sh'], { env });
}

/** Back to the default: the internet off, the firewall as ./dockyard start leaves it. */
export const internetOff = (): Promise<void> => setInternet({ DOCKYARD_INTERNET: 'off' });

/** The stand-in Docker Hub: a registry of its own on the host, with images of its own. */
export const STAND_IN_HUB = '127.0.0.1:5098';
const HUB_NAME = 'dockyard-test-hub';

export async function startStandInHub(images: Record<string, string>): Promise<void> {
  await dockerCli('rm', '-f', HUB_NAME);
  const started = await dockerCli('run', '-d', '--name', HUB_NAME, '--network', 'host', '--label', 'dockyard.test=egress',
    '-e', `REGISTRY_HTTP_ADDR=${STAND_IN_HUB}`, 'dockyard/registry:latest');
  if (started.code !== 0) throw new Error(`registre de remplacement : ${started.out}`);
  for (let i = 0; i < 50 && !(await fetch(`http://${STAND_IN_HUB}/v2/`).then((r) => r.ok, () => false)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await pushToStandIn(images);
}

/** name in the stand-in (library/x:tag) ← a local image, for each entry. */
export async function pushToStandIn(images: Record<string, string>): Promise<void> {
  for (const [name, source] of Object.entries(images)) {
    const target = `${STAND_IN_HUB}/${name}`;
    for (const args of [['tag', source, target], ['push', target], ['rmi', target]]) {
      const done = await dockerCli(...args);
      if (done.code !== 0) throw new Error(`docker ${args.join(' ')} : ${done.out}`);
    }
  }
}

export const stopStandInHub = async (): Promise<void> => void (await dockerCli('rm', '-f', HUB_NAME));

/** Digest of the manifest a registry serves under name:tag, as Docker pulls it. */
export async function manifestDigest(registry: string, name: string, tag: string): Promise<string> {
  const res = await fetch(`http://${registry}/v2/${name}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' },
  });
  return res.headers.get('docker-content-digest') ?? `(${res.status})`;
}

/**
 * The stand-in internet: a network namespace holding 198.18.0.2 (a benchmarking range, in no
 * one's LAN), routed from the host only, with a web server answering HTTP on 80 and HTTPS on
 * 443 (a self-signed certificate) « Bonjour de <name> » for any name.
 */
const NETNS = 'dky-egress-web';
export const STAND_IN_WEB = '198.18.0.2';

const WEB_SERVER = `
const http = require('node:http'), https = require('node:https'), fs = require('node:fs');
const answer = (req, res) => res.end('Bonjour de ' + (req.headers.host || '?') + '\\n');
http.createServer(answer).listen(80, '${STAND_IN_WEB}');
https.createServer({ key: fs.readFileSync(process.argv[1] + '/key.pem'), cert: fs.readFileSync(process.argv[1] + '/cert.pem') }, answer).listen(443, '${STAND_IN_WEB}');
`;

let web: ChildProcess | undefined;

export async function startStandInWeb(): Promise<void> {
  await stopStandInWeb();
  const sh = (script: string) => run('bash', ['-euc', script]);
  await sh(`ip netns add ${NETNS}
    ip link add dky-egress0 type veth peer name dky-egress1
    ip link set dky-egress1 netns ${NETNS}
    ip addr add 198.18.0.1/30 dev dky-egress0 && ip link set dky-egress0 up
    ip -n ${NETNS} addr add ${STAND_IN_WEB}/30 dev dky-egress1
    ip -n ${NETNS} link set dky-egress1 up && ip -n ${NETNS} link set lo up
    ip -n ${NETNS} route add default via 198.18.0.1`);
  const certs = mkdtempSync(join(tmpdir(), 'dockyard-egress-tls-'));
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=stand-in',
    '-keyout', join(certs, 'key.pem'), '-out', join(certs, 'cert.pem')]);
  web = spawn('ip', ['netns', 'exec', NETNS, process.execPath, '-e', WEB_SERVER, certs], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    if (await fetch(`http://${STAND_IN_WEB}/`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('le serveur web de remplacement ne répond pas');
}

export async function stopStandInWeb(): Promise<void> {
  web?.kill();
  web = undefined;
  await run('bash', ['-c', `ip netns pids ${NETNS} 2>/dev/null | xargs -r kill; ip link del dky-egress0 2>/dev/null; ip netns del ${NETNS} 2>/dev/null; true`]);
}
