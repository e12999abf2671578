// A scenario written for Killercoda, copied unchanged (test/fixtures/killercoda-content):
// it loads with its scripts and assets, and what Dockyard does not do is reported, by field.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '@/server/content/check-content';
import { loadLab } from '@/server/content/lab';

const contentRoot = path.resolve('test/fixtures/killercoda-content');
const labDir = path.join(contentRoot, 'labs', 'scenario');

describe('a Killercoda scenario copied unchanged', () => {
  it('loads: page scripts, verify scripts, titles and assets for the first machine', async () => {
    const lab = await loadLab('scenario', { contentRoot });
    expect(lab.nodes).toEqual(['node1']);
    expect(lab.intro).toMatchObject({ title: 'Bienvenue', background: expect.stringContaining('/tmp/intro-background') });
    expect(lab.intro.foreground).toContain('premier plan de l');
    expect(lab.steps.map((step) => step.title)).toEqual(['Créer un fichier', 'Étape 2']);
    expect(lab.steps[0]).toMatchObject({ node: 'node1', background: expect.stringContaining('cp '), solution: null, hints: [] });
    expect(lab.steps[1]?.verifyScript).toContain('/tmp/outil-lance');
    expect(lab.finish.background).toContain('/tmp/finish-background');
    expect(lab.assets).toEqual([
      { node: 'node1', source: path.join(labDir, 'assets', 'outil.sh'), target: '/usr/local/bin', chmod: '+x' },
      { node: 'node1', source: path.join(labDir, 'assets', 'config', 'app.conf'), target: '~/app', chmod: null },
    ]);
  });

  it('reports, as warnings at their file and line, each field and annotation Dockyard does not do', async () => {
    const { issues } = await checkContent({ contentRoot });
    expect(issues.errorCount).toBe(0);
    const warnings = issues.all.filter((issue) => issue.severity === 'warning');
    const where = warnings.map((w) => `${path.relative(labDir, w.file)}:${w.line}:${w.column} ${w.message.split(' : ')[0]}`);
    expect(where.sort()).toEqual([
      'index.json:19:9 details.steps.0.answer',
      'index.json:38:5 backend.imageid',
      'index.json:40:3 interface',
      'index.json:4:3 difficulty',
      'step1/text.md:5:27 « {{}} »',
      'step1/text.md:5:75 « {{TRAFFIC_SELECTOR}} »',
      'step2/text.md:7:4 « {{execute T2}} »',
    ]);
    expect(warnings.find((w) => w.message.startsWith('backend.imageid'))?.message).toMatch(/kubernetes-kubeadm-2nodes.*kubectl/);
  });

  it('still turns the annotations Dockyard knows into buttons and preview links', async () => {
    const lab = await loadLab('scenario', { contentRoot });
    expect(lab.steps[1]?.html).toContain('data-exec="outil.sh"');
    expect(lab.steps[1]?.html).toContain('href="%7B%7BTRAFFIC_HOST1_8080%7D%7D"'); // filled in by the lab page
    // The block closed by the unknown annotation ends there: the next paragraph is text.
    expect(lab.steps[1]?.html).toContain('<p>Sa page s&#39;ouvrirait ici');
  });
});
