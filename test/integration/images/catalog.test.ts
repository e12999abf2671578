/**
 * The offline image catalog, on the real engine: every tag of runtime/images/catalog.txt is
 * in the local registry, and each image, run the way a course uses it, shows what a student
 * expects from its official counterpart. Last, a sandbox's inner engine pulls from the mirror.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type Docker from 'dockerode';
import { testDriver } from '../runtime/test-driver';
import type { SandboxRef } from '@/runtime/driver';
import { requireImages, TEST_INSTANCE, testSpec } from '../runtime/fixtures';
import {
  createNetwork, createVolume, exec, fetchPublished, image, logsOf, publishedPort, pull, readCatalog, REGISTRY_URL, registryPath, removeEverything,
  run, start, docker, tcpExchange, waitFor,
} from './engine';

const catalog = readCatalog();
const NETWORK = 'dockyard-test-images';
/** Files bind-mounted into containers (init scripts, secrets), removed at the end. */
const hostDir = mkdtempSync(join(tmpdir(), 'dockyard-images-'));
chmodSync(hostDir, 0o755); // the images' own users (postgres, mysql) read what is inside

/** A host folder holding these files, world-readable. */
function folderWith(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(hostDir, name);
  mkdirSync(dir, { mode: 0o755 });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content, { mode: 0o644 });
  return dir;
}

/** Body of GET / on a published port, once the server answers. */
async function httpGet(container: Docker.Container, port = '80/tcp', path = '/'): Promise<{ status: number; body: string }> {
  const hostPort = await publishedPort(container, port);
  return waitFor(`réponse HTTP sur ${hostPort}`, async () => {
    const response = await fetchPublished(hostPort, path);
    return { status: response.status, body: await response.text() };
  }, 30_000);
}

beforeAll(async () => {
  await requireImages();
  await removeEverything(); // leftovers of an interrupted run
  await createNetwork(NETWORK);
});

afterAll(async () => {
  await removeEverything();
  rmSync(hostDir, { recursive: true, force: true });
});

describe('the local registry', () => {
  it('holds every tag of the catalog, each one the image built here', async () => {
    const missing: string[] = [];
    for (const { name, tags } of catalog) {
      for (const tag of tags) {
        const response = await fetch(`${REGISTRY_URL}/v2/${registryPath(name)}/manifests/${tag}`, {
          method: 'HEAD',
          headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' },
        });
        const digest = response.headers.get('docker-content-digest');
        const local = await docker.getImage(image(`${name}:${tag}`)).inspect().catch(() => undefined);
        if (!response.ok || !digest || !local?.RepoDigests.includes(`${image(name)}@${digest}`)) {
          missing.push(`${name}:${tag}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(catalog.map((line) => line.name)).toEqual(expect.arrayContaining([
      'hello-world', 'busybox', 'alpine', 'debian', 'ubuntu', 'bash', 'nginx', 'httpd', 'redis', 'postgres',
      'mariadb', 'mysql', 'python', 'node', 'registry', 'golang', 'haproxy', 'curlimages/curl',
    ]));
  });

  it('lets the engine pull from it', async () => {
    for (const ref of ['nginx:alpine', 'postgres:15', 'registry:2', 'alpine:3']) await pull(image(ref));
  });
});

describe('small images', () => {
  it('hello-world greets', async () => {
    const { code, stdout } = await run(image('hello-world'));
    expect(code).toBe(0);
    expect(stdout).toContain('Hello from Dockyard!');
  });

  it('busybox and alpine run sh; apk says why it is not there', async () => {
    for (const ref of ['busybox', 'alpine', 'alpine:3.20']) {
      const out = await run(image(ref), { cmd: ['sh', '-c', 'echo "six fois sept : $((6 * 7))"'] });
      expect(out.stdout.trim()).toBe('six fois sept : 42');
    }
    const apk = await run(image('alpine'), { cmd: ['apk', 'add', 'curl'] });
    expect(apk.code).toBe(1);
    expect(apk.stderr).toContain('apk : indisponible');
    expect(apk.stderr).toContain('apk: not available');
  });

  it('alpine creates users the Alpine way (adduser -D, addgroup -S)', async () => {
    const out = await run(image('alpine'), {
      cmd: ['sh', '-c', 'addgroup -S app && adduser -S -D -G app app && adduser -D eleve && id app && id eleve && ls -d /home/eleve'],
    });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/uid=100\(app\) gid=100\(app\)/);
    expect(out.stdout).toMatch(/uid=1000\(eleve\) gid=1000\(eleve\)/);
  });

  it('debian and ubuntu are Debian 12 (bookworm), under each of their tags', async () => {
    for (const ref of ['debian', 'debian:bookworm', 'debian:12', 'ubuntu', 'ubuntu:22.04', 'ubuntu:24.04']) {
      const out = await run(image(ref), { cmd: ['cat', '/etc/os-release'] });
      expect(out.stdout).toContain('VERSION_CODENAME=bookworm');
    }
  });

  it('bash runs options and commands like the official image', async () => {
    expect((await run(image('bash'), { cmd: ['-c', 'echo "bash ${BASH_VERSINFO[0]}"'] })).stdout.trim()).toBe('bash 5');
    expect((await run(image('bash'), { cmd: ['echo', 'commande'] })).stdout.trim()).toBe('commande');
  });

  it('python prints, and has pip', async () => {
    for (const ref of ['python', 'python:3.11', 'python:3-slim']) {
      expect((await run(image(ref), { cmd: ['python', '-c', 'print(6 * 7)'] })).stdout.trim()).toBe('42');
    }
    expect((await run(image('python'), { cmd: ['pip', '--version'] })).stdout).toMatch(/^pip \d+/);
    // The official image has ps: a lab looks at the processes inside a container with it.
    expect((await run(image('python'), { cmd: ['ps', '-o', 'comm=', '-p', '1'] })).stdout.trim()).toBe('ps');
  });

  it('node prints, with options straight after the image name, and has npm', async () => {
    for (const ref of ['node', 'node:18', 'node:lts', 'node:alpine']) {
      expect((await run(image(ref), { cmd: ['-e', 'console.log(6 * 7, process.version)'] })).stdout).toMatch(/^42 v18\./);
    }
    expect((await run(image('node'), { cmd: ['npm', '--version'] })).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await run(image('node'), { cmd: ['id', 'node'] })).stdout).toContain('uid=1000(node)');
    expect((await run(image('node'), { cmd: ['ps', '-o', 'comm=', '-p', '1'] })).stdout.trim()).toBe('ps');
  });
});

describe('web servers', () => {
  it('nginx and nginx:alpine serve "Welcome to nginx!" on port 80 and log requests to docker logs', async () => {
    for (const ref of ['nginx', 'nginx:alpine']) {
      const nginx = await start(image(ref), { publish: ['80/tcp'] });
      const { status, body } = await httpGet(nginx);
      expect(status).toBe(200);
      expect(body).toContain('<title>Welcome to nginx!</title>');
      expect((await httpGet(nginx, '80/tcp', '/absente')).status).toBe(404);
      // The access log reaches `docker logs` a moment after the answer: wait for the last request.
      const logs = await waitFor('requête dans docker logs', async () => {
        const { stdout } = await logsOf(nginx);
        return stdout.includes('"GET /absente HTTP/1.1" 404') ? stdout : undefined;
      }, 10_000);
      expect(logs).toContain('"GET / HTTP/1.1" 200');
    }
  });

  it('nginx and nginx:alpine serve /usr/share/nginx/html: a page mounted there is the one served', async () => {
    const site = folderWith('nginx-site', { 'index.html': '<h1>Mon site</h1>\n', 'page.html': 'une autre page\n' });
    for (const ref of ['nginx', 'nginx:alpine']) {
      const nginx = await start(image(ref), { publish: ['80/tcp'], binds: [`${site}:/usr/share/nginx/html:ro`] });
      expect(await httpGet(nginx)).toEqual({ status: 200, body: '<h1>Mon site</h1>\n' });
      expect(await httpGet(nginx, '80/tcp', '/page.html')).toEqual({ status: 200, body: 'une autre page\n' });
    }
  });

  it('nginx:alpine is the small one', async () => {
    const [debian, alpine] = await Promise.all(['nginx', 'nginx:alpine'].map((ref) => docker.getImage(image(ref)).inspect()));
    expect(alpine!.Size).toBeLessThan(30 * 1024 * 1024);
    expect(alpine!.Size).toBeLessThan(debian!.Size / 4);
  });

  it('httpd serves "It works!" from /usr/local/apache2/htdocs', async () => {
    const httpd = await start(image('httpd'), { publish: ['80/tcp'] });
    const { status, body } = await httpGet(httpd);
    expect(status).toBe(200);
    expect(body).toContain('<h1>It works!</h1>');
    const page = await exec(httpd, ['cat', '/usr/local/apache2/htdocs/index.html']);
    expect(page.stdout).toContain('It works!');
  });

  it('registry:2 answers /v2/ on port 5000', async () => {
    const registry = await start(image('registry:2'), { publish: ['5000/tcp'] });
    const { status, body } = await httpGet(registry, '5000/tcp', '/v2/');
    expect(status).toBe(200);
    expect(body.trim()).toBe('{}');
  });
});

describe('databases', () => {
  it('redis answers PING through its published port, and redis-cli works inside', async () => {
    const redis = await start(image('redis'), { publish: ['6379/tcp'] });
    const port = await publishedPort(redis, '6379/tcp');
    // From outside the container: protected mode must be off, as with the official image.
    const reply = await waitFor('PONG de redis', async () => {
      const text = await tcpExchange(port, 'PING\r\n');
      return text.startsWith('+PONG') ? text : undefined;
    }, 30_000);
    expect(reply).toBe('+PONG\r\n');
    const cli = await exec(redis, ['redis-cli', 'ping']);
    expect(cli.stdout.trim()).toBe('PONG');
  });

  it('postgres refuses to start without a password, with the official message', async () => {
    const out = await run(image('postgres'));
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('Error: Database is uninitialized and superuser password is not specified.');
    expect(out.stderr).toContain('POSTGRES_PASSWORD');
  });

  it('postgres creates POSTGRES_DB and accepts psql with the password, from another container', async () => {
    const pg = await start(image('postgres'), {
      name: 'dockyard-test-pg', network: NETWORK, env: { POSTGRES_PASSWORD: 'secret', POSTGRES_DB: 'boutique' },
    });
    // The final server listens on TCP; the one that runs the init scripts does not.
    await waitFor('postgres prêt', async () =>
      (await exec(pg, ['pg_isready', '-h', '127.0.0.1', '-U', 'postgres'])).code === 0 ? true : undefined);
    const inside = await exec(pg, ['psql', '-U', 'postgres', '-c', 'select 1']);
    expect(inside.stdout).toContain('(1 row)');

    const client = (password: string) => run(image('postgres'), {
      network: NETWORK, env: { PGPASSWORD: password },
      cmd: ['psql', '-h', 'dockyard-test-pg', '-U', 'postgres', '-d', 'boutique', '-tA', '-c', 'select current_database()'],
    });
    const good = await client('secret');
    expect(good.stdout.trim()).toBe('boutique');
    const bad = await client('mauvais');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('password authentication failed');
  });

  it('postgres runs /docker-entrypoint-initdb.d once, as POSTGRES_USER, with the password from a _FILE', async () => {
    const init = folderWith('pg-init', {
      '01-schema.sql': 'CREATE TABLE produit (nom text); INSERT INTO produit VALUES (\'pomme\');\n',
      '02-more.sql.gz': gzipSync("INSERT INTO produit VALUES ('poire');\n"),
      '03-hello.sh': 'echo "script shell : base $POSTGRES_DB, utilisateur $POSTGRES_USER"\n',
    });
    const secrets = folderWith('pg-secrets', { 'password': 'depuis-un-fichier\n' });
    const pg = await start(image('postgres:15'), {
      name: 'dockyard-test-pg-init', network: NETWORK,
      env: { POSTGRES_USER: 'alice', POSTGRES_PASSWORD_FILE: '/run/secrets/password' },
      binds: [`${init}:/docker-entrypoint-initdb.d:ro`, `${secrets}:/run/secrets:ro`],
    });
    await waitFor('postgres prêt', async () =>
      (await exec(pg, ['pg_isready', '-h', '127.0.0.1', '-U', 'alice'])).code === 0 ? true : undefined);
    const rows = await run(image('postgres'), {
      network: NETWORK, env: { PGPASSWORD: 'depuis-un-fichier' },
      cmd: ['psql', '-h', 'dockyard-test-pg-init', '-U', 'alice', '-tA', '-c', 'select string_agg(nom, \',\' order by nom) from produit'],
    });
    expect(rows.stdout.trim()).toBe('poire,pomme');
    expect((await logsOf(pg)).all).toContain('script shell : base alice, utilisateur alice');

    await pg.restart();
    const again = await waitFor('redémarrage', async () => {
      const { all } = await logsOf(pg);
      return all.includes('Skipping initialization') ? all : undefined;
    }, 30_000);
    expect(again.match(/script shell/g)).toHaveLength(1);
  });

  it('postgres keeps its data in /var/lib/postgresql/data: a volume there keeps a table for a new container', async () => {
    const declared = await docker.getImage(image('postgres')).inspect();
    expect(Object.keys(declared.Config.Volumes ?? {})).toEqual(['/var/lib/postgresql/data']);
    const volume = await createVolume('dockyard-test-pg-data');
    const server = () => start(image('postgres'), {
      env: { POSTGRES_PASSWORD: 'secret' }, binds: [`${volume}:/var/lib/postgresql/data`],
    });
    const ready = (pg: Docker.Container) => waitFor('postgres prêt', async () =>
      (await exec(pg, ['pg_isready', '-h', '127.0.0.1', '-U', 'postgres'])).code === 0 ? true : undefined);
    const psql = (pg: Docker.Container, sql: string) => exec(pg, ['psql', '-U', 'postgres', '-tA', '-c', sql]);

    const first = await server();
    await ready(first);
    expect((await psql(first, "CREATE TABLE note (texte text); INSERT INTO note VALUES ('gardée')")).code).toBe(0);
    await first.stop();
    await first.remove({ v: true });

    const second = await server();
    await ready(second);
    expect((await psql(second, 'SELECT texte FROM note')).stdout.trim()).toBe('gardée');
    // The volume held a database already: the new container did not create another one.
    expect((await logsOf(second)).all).toContain('Skipping initialization');
  });

  it('mariadb runs /docker-entrypoint-initdb.d in MARIADB_DATABASE', async () => {
    const init = folderWith('maria-init', {
      '01-schema.sql.gz': gzipSync("CREATE TABLE produit (nom text); INSERT INTO produit VALUES ('pomme');\n"),
    });
    const maria = await start(image('mariadb'), {
      env: { MARIADB_ROOT_PASSWORD: 'racine', MARIADB_DATABASE: 'boutique' },
      binds: [`${init}:/docker-entrypoint-initdb.d:ro`],
    });
    await waitFor('mariadb prêt', async () =>
      (await exec(maria, ['mariadb', '-h', '127.0.0.1', '-uroot', '-pracine', '-e', 'select 1'])).code === 0 ? true : undefined);
    const rows = await exec(maria, ['mariadb', '-uroot', '-pracine', '-N', 'boutique', '-e', 'select nom from produit']);
    expect(rows.stdout.trim()).toBe('pomme');
  });

  it('mariadb creates MARIADB_DATABASE and MARIADB_USER; mysql does the same with MYSQL_*', async () => {
    const [maria, mysql] = await Promise.all([
      start(image('mariadb'), {
        name: 'dockyard-test-mariadb', network: NETWORK,
        env: { MARIADB_ROOT_PASSWORD: 'racine', MARIADB_DATABASE: 'boutique', MARIADB_USER: 'app', MARIADB_PASSWORD: 'apppw' },
      }),
      start(image('mysql:8'), {
        name: 'dockyard-test-mysql', network: NETWORK,
        env: { MYSQL_ROOT_PASSWORD: 'racine', MYSQL_DATABASE: 'magasin', MYSQL_USER: 'app', MYSQL_PASSWORD: 'apppw' },
      }),
    ]);
    // TCP answers only once the initialisation is over (the temporary server has no network).
    for (const server of [maria, mysql]) {
      await waitFor('mariadb prêt', async () =>
        (await exec(server, ['mariadb', '-h', '127.0.0.1', '-uroot', '-pracine', '-e', 'select 1'])).code === 0 ? true : undefined);
    }
    const query = (host: string, database: string) => run(image('mysql'), {
      network: NETWORK,
      cmd: ['mysql', '-h', host, '-u', 'app', '-papppw', database, '-N', '-e', 'select database()'],
    });
    expect((await query('dockyard-test-mariadb', 'boutique')).stdout.trim()).toBe('boutique');
    expect((await query('dockyard-test-mysql', 'magasin')).stdout.trim()).toBe('magasin');
    const root = await exec(mysql, ['mysql', '-uroot', '-pracine', '-N', '-e', 'show databases']);
    expect(root.stdout).toContain('magasin');
  });

  it('mariadb refuses to start without a root password option', async () => {
    const out = await run(image('mariadb'));
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('Database is uninitialized and password option is not specified');
  });
});

describe('inside a sandbox', () => {
  const driver = testDriver(TEST_INSTANCE);
  let sandbox: SandboxRef | undefined;

  afterAll(async () => {
    if (sandbox) await driver.destroy(sandbox.id);
  });

  it('the inner engine pulls catalog images by their Docker Hub names, and runs them', async () => {
    await driver.prepare();
    sandbox = await driver.create(testSpec('node1'));
    const sh = (script: string) => driver.exec(sandbox!.id, ['bash', '-c', script], { timeoutMs: 110_000 });
    const pulls = await sh('for i in nginx:alpine alpine postgres registry:2; do docker pull -q "$i" || exit 1; done');
    expect(pulls.exitCode, pulls.output).toBe(0);
    const web = await sh(
      'docker run -d -p 8080:80 nginx:alpine >/dev/null && for i in $(seq 50); do curl -fs localhost:8080 && exit 0; sleep 0.1; done; exit 1',
    );
    expect(web.output).toContain('Welcome to nginx!');
    const shell = await sh('docker run --rm alpine sh -c "echo depuis alpine"');
    expect(shell.output.trim()).toBe('depuis alpine');
  });
});
