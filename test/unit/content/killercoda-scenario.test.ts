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

  it('reports each unsupported field of index.json as a warning, never as an error', async () => {
    const { issues } = await checkContent({ contentRoot });
    expect(issues.errorCount).toBe(0);
    const warnings = issues.all.filter((issue) => issue.severity === 'warning');
    expect(warnings.every((warning) => warning.file === path.join(labDir, 'index.json'))).toBe(true);
    expect(warnings.map((warning) => warning.message.split(' : ')[0]).sort()).toEqual([
      'backend.imageid',
      'details.steps.0.answer',
      'difficulty',
      'interface',
    ]);
    expect(warnings.find((w) => w.message.startsWith('backend.imageid'))?.message).toMatch(/kubernetes-kubeadm-2nodes.*kubectl/);
    expect(warnings.find((w) => w.message.startsWith('interface'))).toMatchObject({ line: 40 });
  });
});
