// content:check's warnings about a lab's code: tools the machines lack, needs of the Internet.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '@/server/content/check-content';
import { formatContentReport } from '@/server/content/format-issues';
import { imageKey, inCatalog, parseImageReference, readImageCatalog } from '@/server/content/scripts/image-catalog';
import { missingToolMessage, readNodeCommands } from '@/server/content/scripts/node-tools';
import { labProvisions, scriptWarnings, type ScriptContext } from '@/server/content/scripts/script-warnings';

const catalog = readImageCatalog();
const context = (extra: Partial<ScriptContext> = {}): ScriptContext => ({
  commands: readNodeCommands(),
  catalog,
  labImages: new Set(),
  loadsImages: false,
  nodes: ['node1', 'node2'],
  ...extra,
});
const messages = (script: string, extra?: Partial<ScriptContext>) => scriptWarnings(script, context(extra), 'script').map((w) => `${w.line}:${w.column} ${w.message}`);

describe('the offline catalog', () => {
  it('reads catalog.txt: names and every tag', () => {
    expect([...(catalog.get('nginx') ?? [])]).toEqual(expect.arrayContaining(['latest', '1.22', 'alpine', 'stable-alpine']));
    expect(catalog.get('registry')?.has('2')).toBe(true);
  });

  it('finds an image however it is written, and nothing of other registries or digests', () => {
    for (const found of ['nginx', 'nginx:1.22', 'docker.io/library/nginx:alpine', 'library/redis:7-alpine', 'python:3.11-slim']) {
      expect(inCatalog(found, catalog), found).toBe(true);
    }
    for (const missing of ['nginx:1.25', 'quay.io/coreos/etcd:v3.5.0', 'ghcr.io/x/y', 'nginx@sha256:abc', 'bitnami/redis']) {
      expect(inCatalog(missing, catalog), missing).toBe(false);
    }
    expect(parseImageReference('localhost:5000/bonjour:1.0')).toEqual({ registry: 'localhost:5000', repository: 'bonjour', tag: '1.0', digest: null });
    expect(imageKey('docker.io/library/monapp')).toBe(imageKey('monapp:latest'));
  });
});

describe('scriptWarnings', () => {
  it('names a missing tool once per file, with what to do instead', () => {
    expect(messages('podman ps\npodman images\nhelm install x')).toEqual([
      `1:1 ${missingToolMessage('podman')}`,
      `3:1 ${missingToolMessage('helm')}`,
    ]);
    expect(missingToolMessage('systemctl')).toMatch(/les machines n’ont pas systemd/);
    expect(missingToolMessage('kubectl')).toMatch(/^« kubectl » : cette commande n’existe pas sur les machines de lab — pas de Kubernetes .*Docker Swarm/);
    expect(missingToolMessage('outil-inconnu')).toMatch(/— elles sont des Debian sans Internet : rien ne s’installe pendant un lab/);
  });

  it('leaves alone what the machines have, what the script defines, paths and variables', () => {
    expect(messages('docker ps; curl -s localhost; jq . x; ll\nf() { :; }\nf\n./outil.sh\n/usr/local/bin/outil\n"$TOOL" x')).toEqual([]);
    expect(messages('outil --aide', { commands: new Set(['outil']) })).toEqual([]);
  });

  it('says which address or image needs the Internet', () => {
    const found = messages(
      [
        'curl -fsSL https://get.docker.com | sh',
        'wget -q http://example.org/x.tar.gz',
        'curl -s http://localhost:8080/ http://node2:8080/ http://10.0.0.5/ "http://$host/" http://web/',
        'apt-get install -y jq',
        'pip3 install flask',
        'git clone https://github.com/a/b.git',
        'docker pull quay.io/coreos/etcd:v3.5.0',
        'docker run -d --name web -p 8080:80 -v /x:/y nginx:1.25 nginx -g "daemon off;"',
        'docker run --rm nginx:1.22 true; docker pull localhost:5000/app:1',
        'docker push alice/app',
      ].join('\n'),
    );
    const internet = 'ce script a besoin d’Internet, que les machines n’ont pas : ';
    expect(found).toEqual([
      `1:12 ${internet}https://get.docker.com (curl)`,
      `2:9 ${internet}http://example.org/x.tar.gz (wget)`,
      `4:1 ${internet}apt-get install jq — rien ne s’installe pendant un lab ; un outil indispensable s’ajoute à l’image des nœuds (runtime/images/lab-node)`,
      `5:1 ${missingToolMessage('pip3')}`,
      `6:11 ${internet}git clone https://github.com/a/b.git`,
      `7:13 ${internet}l’image quay.io/coreos/etcd:v3.5.0 n’est pas dans le catalogue hors ligne (les images disponibles et leurs étiquettes : docs/images.md)`,
      `8:46 ${internet}l’image nginx:1.25 n’est pas dans le catalogue hors ligne (les images disponibles et leurs étiquettes : docs/images.md)`,
      `10:13 ${internet}docker push alice/app — poussez vers un registre du lab (docker run -d -p 5000:5000 registry:2, puis localhost:5000/…)`,
    ]);
  });

  it('warns about package installs where the tool exists, not when told to stay offline', () => {
    const withPip = { commands: new Set(['pip3', 'npm']) };
    expect(messages('pip3 install flask\nnpm ci\npip3 install --no-index ./x.whl', withPip)).toEqual([
      '1:1 ce script a besoin d’Internet, que les machines n’ont pas : pip3 install — rien ne s’installe pendant un lab ; un outil indispensable s’ajoute à l’image des nœuds (runtime/images/lab-node)',
      '2:1 ce script a besoin d’Internet, que les machines n’ont pas : npm ci — rien ne s’installe pendant un lab ; un outil indispensable s’ajoute à l’image des nœuds (runtime/images/lab-node)',
    ]);
  });

  it('knows the images the lab builds or tags, and says « cette commande » for the Markdown', () => {
    const provided = labProvisions(['docker build -t monapp:1.0 .', 'docker tag monapp:1.0 autre', 'cp x /usr/local/bin/outil']);
    expect([...provided.commands]).toEqual(['outil']);
    expect(messages('docker run monapp:1.0; docker run autre; outil', { labImages: provided.images, commands: new Set(['docker', 'outil']) })).toEqual([]);
    const [warning] = scriptWarnings('docker run toto', context(), 'command', { line: 12, column: 3 });
    expect(warning).toMatchObject({ line: 12, column: 14, message: expect.stringMatching(/^cette commande a besoin d’Internet/) });
  });
});

describe('content:check on a Killercoda scenario that counts on Ubuntu and the Internet', () => {
  const contentRoot = path.resolve('test/fixtures/killercoda-tools-content');

  it('warns about each tool and download, at its file and line, and nothing the lab brings itself', async () => {
    const report = await checkContent({ contentRoot });
    expect(report.issues.errorCount).toBe(0);
    const printed = formatContentReport(report, 100).split('\n');
    const places = printed.filter((line) => line.startsWith('⚠')).map((line) => line.replace('⚠ test/fixtures/killercoda-tools-content/labs/outils/', ''));
    expect(places).toEqual([
      'intro/background.sh:2:1',
      'intro/background.sh:3:1',
      'intro/background.sh:4:1',
      'intro/background.sh:5:12',
      'intro/foreground.sh:1:1',
      'step1/background.sh:2:13',
      'step1/background.sh:3:13',
      'step1/background.sh:5:11',
      'step1/text.md:4:1',
      'step2/text.md:4:1',
    ]);
    expect(printed).toContain('    « minikube » : cette commande n’existe pas sur les machines de lab — pas de Kubernetes sur les machines de Dockyard : pour orchestrer, Docker Swarm (docker swarm init, docker service…) fonctionne entre les machines d’un lab');
    expect(printed).toContain('    ce script a besoin d’Internet, que les machines n’ont pas : l’image quay.io/coreos/etcd:v3.5.0 n’est pas dans le catalogue hors ligne (les images disponibles et leurs étiquettes : docs/images.md)');
    expect(printed.at(-1)).toMatch(/1 lab : ✓ contenu valide, 10 avertissements/);
  });

  it('finds nothing to say about the course’s own labs', async () => {
    const report = await checkContent();
    expect(report.issues.all.filter((issue) => issue.severity === 'warning').map((issue) => `${issue.file}:${issue.line} ${issue.message}`)).toEqual([]);
  });
});
