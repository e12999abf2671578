/**
 * The host's Docker engine as the catalog test uses it: run a catalog image as a student
 * would, read what it printed, exec into it, find its published port. Everything started
 * here carries CATALOG_TEST_LABEL, so removeEverything() (and the next run) cleans up.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import Docker from 'dockerode';

export const docker = new Docker({ socketPath: '/var/run/docker.sock' });
export const CATALOG_TEST_LABEL = 'dockyard.test';
const LABEL_VALUE = 'images-catalog';
const LABELS = { [CATALOG_TEST_LABEL]: LABEL_VALUE };
/** Where build-all.sh tags catalog images, and the registry it pushes them to. */
const LOCAL_REGISTRY = 'localhost:5000';
export const REGISTRY_URL = 'http://127.0.0.1:5000';

export interface CatalogLine {
  name: string;
  tags: string[];
}

/** runtime/images/catalog.txt: one line per build, the tags under which it is pushed. */
export function readCatalog(): CatalogLine[] {
  const text = readFileSync(new URL('../../../runtime/images/catalog.txt', import.meta.url), 'utf8');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [name = '', , , ...tags] = line.split(/\s+/);
      return { name, tags };
    });
}

/**
 * A catalog name's path in the registry, as on Docker Hub (build-all.sh's registry_path):
 * official images under library/ (nginx:alpine → library/nginx:alpine), others as named
 * (curlimages/curl).
 */
export const registryPath = (ref: string): string => (ref.includes('/') ? ref : `library/${ref}`);

/** The local name of a catalog image, e.g. localhost:5000/library/nginx:alpine. */
export const image = (ref: string): string => `${LOCAL_REGISTRY}/${registryPath(ref)}`;

/** Output of a command or container: stdout and stderr apart, and as seen on a terminal. */
export interface Output {
  code: number;
  stdout: string;
  stderr: string;
  all: string;
}

/** Splits Docker's multiplexed stream (8-byte frame headers: type, size) into its parts. */
function demux(data: Buffer): Omit<Output, 'code'> {
  const parts: Record<'stdout' | 'stderr' | 'all', Buffer[]> = { stdout: [], stderr: [], all: [] };
  let rest = data;
  while (rest.length >= 8) {
    const size = rest.readUInt32BE(4);
    const payload = rest.subarray(8, 8 + size);
    (rest[0] === 2 ? parts.stderr : parts.stdout).push(payload);
    parts.all.push(payload);
    rest = rest.subarray(8 + size);
  }
  const text = (chunks: Buffer[]): string => Buffer.concat(chunks).toString('utf8');
  return { stdout: text(parts.stdout), stderr: text(parts.stderr), all: text(parts.all) };
}

export interface RunOptions {
  cmd?: string[];
  env?: Record<string, string>;
  name?: string;
  network?: string;
  /** Container ports to publish on a free port of 127.0.0.1, e.g. ['80/tcp']. */
  publish?: string[];
  binds?: string[];
}

/** `docker run -d`: creates and starts a labelled container. */
export async function start(ref: string, opts: RunOptions = {}): Promise<Docker.Container> {
  const ports = opts.publish ?? [];
  const container = await docker.createContainer({
    Image: ref,
    name: opts.name,
    Cmd: opts.cmd,
    Env: Object.entries(opts.env ?? {}).map(([key, value]) => `${key}=${value}`),
    Labels: LABELS,
    ExposedPorts: Object.fromEntries(ports.map((port) => [port, {}])),
    HostConfig: {
      NetworkMode: opts.network,
      PortBindings: Object.fromEntries(ports.map((port) => [port, [{ HostIp: '127.0.0.1', HostPort: '' }]])),
      Binds: opts.binds,
    },
  });
  await container.start();
  return container;
}

/** `docker run --rm`: runs to the end and returns what it printed. */
export async function run(ref: string, opts: RunOptions = {}): Promise<Output> {
  const container = await start(ref, opts);
  try {
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const logs = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    return { code: StatusCode, ...demux(logs) };
  } finally {
    await container.remove({ force: true, v: true });
  }
}

/** `docker logs`. */
export async function logsOf(container: Docker.Container): Promise<Omit<Output, 'code'>> {
  return demux((await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer);
}

/** `docker exec`. */
export async function exec(container: Docker.Container, cmd: string[], env: string[] = []): Promise<Output> {
  const execution = await container.exec({ Cmd: cmd, Env: env, AttachStdout: true, AttachStderr: true });
  const stream = await execution.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  let info = await execution.inspect();
  for (let i = 0; info.Running && i < 40; i += 1) {
    await sleep(25);
    info = await execution.inspect();
  }
  return { code: info.ExitCode ?? -1, ...demux(Buffer.concat(chunks)) };
}

/** The 127.0.0.1 port a container port was published on. */
export async function publishedPort(container: Docker.Container, port: string): Promise<number> {
  const info = await container.inspect();
  const binding = info.NetworkSettings.Ports[port]?.[0];
  if (!binding) throw new Error(`port ${port} non publié`);
  return Number(binding.HostPort);
}

/**
 * Sends `request` to 127.0.0.1:port and settles with the first reply, or '' when the
 * connection closes without one or stays silent 2 s. Before the server listens, the
 * engine's port proxy accepts the connection and closes it at once: that is a '' too,
 * never a promise left pending.
 */
export function tcpExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const settle = (text: string) => { resolve(text); socket.destroy(); };
    socket.setTimeout(2_000, () => settle(''));
    socket.once('data', (data) => settle(data.toString()));
    socket.once('close', () => settle(''));
    socket.once('error', () => settle(''));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until check() returns a value (not undefined); fails with `what` and the last error. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what} : toujours pas après ${ms} ms (${String(last ?? '')})`);
    await sleep(250);
  }
}

/**
 * GET on a container's published port, bounded: a connection made as the container starts can
 * wait on Docker's port proxy for minutes (seen here), where the next try is answered at once.
 */
export function fetchPublished(port: number, path = '/'): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(3_000) });
}

/** `docker pull`, from the local registry. */
export async function pull(ref: string): Promise<void> {
  const stream = await docker.pull(ref);
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())),
  );
}

/** A labelled network, so that containers reach each other by name. */
export async function createNetwork(name: string): Promise<Docker.Network> {
  return docker.createNetwork({ Name: name, Labels: LABELS, CheckDuplicate: true });
}

/** A labelled named volume, `docker volume create`: data kept from one container to the next. */
export async function createVolume(name: string): Promise<string> {
  await docker.createVolume({ Name: name, Labels: LABELS });
  return name;
}

/** Removes every container (with its anonymous volumes), network and named volume this test created. */
export async function removeEverything(): Promise<void> {
  const filters = JSON.stringify({ label: [`${CATALOG_TEST_LABEL}=${LABEL_VALUE}`] });
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  const networks = await docker.listNetworks({ filters });
  await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove().catch(() => undefined)));
  const { Volumes: volumes } = await docker.listVolumes({ filters });
  await Promise.all((volumes ?? []).map((v) => docker.getVolume(v.Name).remove().catch(() => undefined)));
}
