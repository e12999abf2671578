/**
 * The Docker engine of a lab node, as a student uses it: a real node started through the real
 * Incus driver, commands typed as in the lessons, outputs read as the student reads them.
 * Docker 26 from Debian trixie: BuildKit by default (cache mounts, --target, --output),
 * buildx and Compose v2 as CLI plugins, an engine configured by /etc/docker/daemon.json
 * alone and driven by `service docker …` (runtime/images/lab-node/service.sh).
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { TEST_INSTANCE } from './fixtures';
import { oneNodePerFile, testDriver } from './test-driver';

const instance = `${TEST_INSTANCE}-engine-${randomUUID().slice(0, 8)}`;
const driver = testDriver(instance);
const node = oneNodePerFile(driver);

/** A shell script run in the node as its root, as if typed in its terminal. */
async function sh(script: string): Promise<{ code: number; out: string }> {
  const { exitCode, output } = await driver.exec(node().id, ['bash', '-c', script], { timeoutMs: 120_000 });
  return { code: exitCode, out: output };
}

/** Like sh(), but the script must succeed: its output otherwise fails the test. */
async function ok(script: string): Promise<string> {
  const { code, out } = await sh(script);
  if (code !== 0) throw new Error(`code ${code} pour :\n${script}\n---\n${out}`);
  return out;
}

describe('the engine of a lab node', () => {
  it('is Docker 26 from Debian', async () => {
    expect(await ok("docker version --format '{{.Client.Version}} {{.Server.Version}}'")).toMatch(/^26\.\d+\.\d+\S* 26\.\d+\.\d+/);
  });

  it('builds with BuildKit: a cache mount kept between builds, one stage by --target, files out by --output', async () => {
    await ok(`mkdir -p /root/bk && cd /root/bk && cat >Dockerfile <<'EOF'
FROM busybox AS compile
ARG PASSAGE=1
# The cache mount outlives the build: each build that runs this step adds a line to it.
RUN --mount=type=cache,target=/cache echo "passage $PASSAGE" >>/cache/journal && wc -l </cache/journal >/compte
FROM scratch AS export
COPY --from=compile /compte /compte.txt
FROM busybox AS final
CMD ["echo", "jamais construite"]
EOF`);
    const first = await ok('cd /root/bk && docker build --target export --output type=local,dest=out . 2>&1');
    // BuildKit's output, numbered steps, not the classic builder's "Step 1/5".
    expect(first).toMatch(/#\d+ \[compile 2\/2\] RUN --mount=type=cache/);
    expect(first).toContain('exporting to client directory');
    expect(first).not.toContain('[final');
    expect((await ok('cat /root/bk/out/compte.txt')).trim()).toBe('1');
    // The step again (another build argument): the cache mount still holds the first line.
    await ok('cd /root/bk && docker build --build-arg PASSAGE=2 --target export --output type=local,dest=out . 2>&1');
    expect((await ok('cat /root/bk/out/compte.txt')).trim()).toBe('2');
  });

  it('has buildx, which builds too', async () => {
    expect(await ok('docker buildx version')).toMatch(/github\.com\/docker\/buildx v?0\.1\d/);
    await ok('cd /root/bk && docker buildx build -q --target compile -t essai:buildx . && docker image inspect essai:buildx >/dev/null');
  });

  it('has Compose v2: a project with a build comes up, named project-service-1, and answers', async () => {
    expect(await ok('docker compose version')).toMatch(/Docker Compose version v?2\./);
    await ok(`mkdir -p /root/site && cd /root/site && cat >Dockerfile <<'EOF'
FROM busybox
RUN mkdir /www && echo 'bonjour de compose' >/www/index.html
CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
EOF
cat >compose.yaml <<'EOF'
services:
  web:
    build: .
    ports: ["8080:8080"]
EOF`);
    await ok('cd /root/site && docker compose up -d 2>&1');
    expect(await ok("cd /root/site && docker compose ps --format '{{.Name}} {{.State}}'")).toContain('site-web-1 running');
    expect(await ok('for i in $(seq 1 50); do curl -fsS localhost:8080 && exit 0; sleep 0.1; done; exit 1')).toContain('bonjour de compose');
    await ok('cd /root/site && docker compose down 2>&1');
  });
});

describe('/etc/docker/daemon.json and service docker', () => {
  it('takes the registries added as in the lesson at `service docker restart`, and still pulls from the catalog', async () => {
    // What content/lessons/registres.md has the student do: add keys to the node's file.
    await ok(`jq '."insecure-registries" += ["registre.exemple.org:5000"] | ."registry-mirrors" += ["http://miroir.exemple.org:5000"]' \
      /etc/docker/daemon.json >/tmp/daemon.json && cp /tmp/daemon.json /etc/docker/daemon.json`);
    expect(await ok('service docker restart 2>&1; echo "code $?"')).toMatch(/^code 0$/m);
    const info = await ok('docker info 2>/dev/null');
    expect(info).toMatch(/Insecure Registries:[\s\S]*registre\.exemple\.org:5000/);
    expect(info).toMatch(/Registry Mirrors:[\s\S]*http:\/\/miroir\.exemple\.org:5000\//);
    expect(await ok('service docker status; systemctl is-active docker')).toMatch(/docker : actif[\s\S]*\nactive\n/);
    // Dockyard's mirror is still the first one: the offline catalog still answers.
    await ok('docker pull -q hello-world && docker run --rm hello-world | grep -q "Hello from Dockyard"');
  });

  it('refuses an invalid file in French, quoting dockerd and the file, and keeps the engine running', async () => {
    const before = (await ok('pidof dockerd')).trim();
    await ok(`cat >/etc/docker/daemon.json <<'EOF'
{ "insecure-registries": ["registre.exemple.org:5000"], }
EOF`);
    const { code, out } = await sh('service docker restart');
    expect(code).not.toBe(0);
    expect(out).toContain('/etc/docker/daemon.json est invalide ; le moteur n\'a pas été redémarré');
    expect(out).toMatch(/dockerd : unable to configure the Docker daemon with file \/etc\/docker\/daemon\.json: invalid character/);
    // The old engine answers, untouched.
    expect((await ok('pidof dockerd')).trim()).toBe(before);
    expect(await ok("docker version --format '{{.Server.Version}}'")).toMatch(/^26\./);
    // A key dockerd does not know: said the same way, by systemctl too.
    await ok('echo \'{ "registre-miroir": ["http://x"] }\' >/etc/docker/daemon.json');
    const unknown = await sh('systemctl restart docker');
    expect(unknown.code).not.toBe(0);
    expect(unknown.out).toContain("don't match any configuration option: registre-miroir");
  });

  it('still brings an engine up when the node starts its engine again with a broken file, and says so', async () => {
    // As after `kill -9` of the engine: start-dockerd (what init runs) finds the file broken.
    await ok('service docker stop');
    const { code, out } = await sh('start-dockerd');
    expect(code).toBe(3);
    expect(out).toContain('il tourne avec la configuration d\'origine de Dockyard');
    expect(await ok("docker version --format '{{.Server.Version}}'")).toMatch(/^26\./);
    expect(await ok('grep "\\[dockyard\\]" /var/log/dockerd.log')).toContain("/etc/docker/daemon.json : fichier invalide : unable to configure");
    expect(await ok('service docker status')).toContain("configuration d'origine de Dockyard");
  });

  it('answers other units in one French line', async () => {
    const { code, out } = await sh('service nginx start');
    expect(code).toBe(1);
    expect(out.trim()).toBe('service : « nginx » n\'est pas un service de ce nœud (pas de systemd ici) ; seul le moteur Docker se gère ainsi : service docker start|stop|restart|reload|status.');
  });
});
