// The pure parts of « santé des labs »: when the nightly run fires, what a report becomes,
// what the webhook says, and who sees which pack.
import { describe, expect, it } from 'vitest';
import type { SignedInUser } from '@/server/auth/caller';
import type { PackCourse } from '@/server/content/packs/catalog';
import type { LabTestReport } from '@/server/lab-test/lab-test-report';
import { nextDailyTime, parseDailyTime } from '@/server/lab-health/daily-schedule';
import { findingOf, HEALTH_OUTPUT_MAX_CHARS, OUTPUT_CUT_MARKER, tailOfOutput } from '@/server/lab-health/lab-health-finding';
import { healthScope } from '@/server/lab-health/lab-health-scope';
import { webhookPayload } from '@/server/lab-health/lab-health-webhook';

describe('the daily schedule', () => {
  it('reads HH:MM and off', () => {
    expect(parseDailyTime('03:30')).toEqual({ hours: 3, minutes: 30 });
    expect(parseDailyTime('off')).toBeNull();
  });

  it('fires at the next such time of day, in the server’s zone, strictly after now', () => {
    const at = { hours: 3, minutes: 30 };
    expect(nextDailyTime(at, new Date(2027, 2, 10, 1, 0))).toEqual(new Date(2027, 2, 10, 3, 30));
    expect(nextDailyTime(at, new Date(2027, 2, 10, 3, 30))).toEqual(new Date(2027, 2, 11, 3, 30));
    expect(nextDailyTime(at, new Date(2027, 2, 31, 23, 0))).toEqual(new Date(2027, 3, 1, 3, 30));
  });
});

const report = (overrides: Partial<LabTestReport>): LabTestReport => ({ slug: 'p.lab', title: 'Un lab', nodes: ['node1'], steps: [], stderr: [], ...overrides });

describe('a report as the nightly run keeps it', () => {
  it('is passed when lab:test passes it', () => {
    expect(findingOf(report({ steps: [{ index: 0, title: 'A', outcome: 'passed', timing: {} }] }))).toMatchObject({ outcome: 'passed', stepIndex: null, output: null });
  });

  it('names the first failing step, its problem and its output', () => {
    const finding = findingOf(
      report({
        steps: [
          { index: 0, title: 'A', outcome: 'passed', timing: {} },
          { index: 1, title: 'B', outcome: 'failed', problem: 'La solution (sur node1) a échoué avec le code 127.', output: 'bash: tree: command not found\n', timing: {} },
          { index: 2, title: 'C', outcome: 'not-run', timing: {} },
        ],
      }),
    );
    expect(finding).toEqual({
      outcome: 'failed',
      stepIndex: 1,
      stepTitle: 'B',
      problem: 'La solution (sur node1) a échoué avec le code 127.',
      output: 'bash: tree: command not found',
    });
  });

  it('keeps a whole lab’s problem, first line as the problem and the rest as output', () => {
    const finding = findingOf(report({ problem: "La session n'a pas démarré : image absente\nlog du moteur" }));
    expect(finding).toMatchObject({ outcome: 'failed', stepIndex: null, problem: "La session n'a pas démarré : image absente", output: 'log du moteur' });
  });

  it('fails a lab whose introduction met a missing command, though every step passed', () => {
    const finding = findingOf(report({ steps: [], stderr: [{ page: 'introduction', lines: ['bash: line 2: kubectl: command not found'] }] }));
    expect(finding).toMatchObject({ outcome: 'failed', stepIndex: null, output: 'bash: line 2: kubectl: command not found' });
    expect(finding.problem).toMatch(/introduction/);
  });

  it('bounds an output by keeping its end, where a script says why it failed', () => {
    const long = `${'x'.repeat(HEALTH_OUTPUT_MAX_CHARS)}\nla dernière ligne`;
    const kept = tailOfOutput(long);
    expect(kept.startsWith(OUTPUT_CUT_MARKER)).toBe(true);
    expect(kept.endsWith('la dernière ligne')).toBe(true);
    expect(kept.length).toBe(OUTPUT_CUT_MARKER.length + HEALTH_OUTPUT_MAX_CHARS);
    expect(tailOfOutput('court')).toBe('court');
  });
});

describe('the webhook’s message', () => {
  it('says which lab, which step, why, since when, and links to the page, with a ready sentence', () => {
    const payload = webhookPayload({
      lab: 'reseaux.arbre',
      title: 'Arbre',
      pack: 'reseaux',
      packVersion: null,
      step: { number: 1, title: 'Lister' },
      problem: 'La solution a échoué.',
      output: `${'y'.repeat(5_000)}fin`,
      since: new Date('2027-03-10T03:31:00Z'),
      url: 'https://dockyard.exemple/sante-des-labs#lab-reseaux-arbre',
    });
    expect(payload).toMatchObject({ event: 'lab-health.failing', lab: 'reseaux.arbre', pack: 'reseaux', step: { number: 1, title: 'Lister' }, since: '2027-03-10T03:31:00.000Z' });
    expect(payload.output.length).toBeLessThan(1_600);
    expect(payload.output.endsWith('fin')).toBe(true);
    expect(payload.text).toBe(
      'Le lab « Arbre » (reseaux.arbre, paquet reseaux) échoue au test de la nuit : l\'étape 1 « Lister ». La solution a échoué. Voir https://dockyard.exemple/sante-des-labs#lab-reseaux-arbre',
    );
  });
});

describe('who sees which pack', () => {
  const course = (pack: string, maintainers: string[]): PackCourse => ({ pack, title: `Cours ${pack}`, description: '', chapters: [], maintainers });
  const catalog = [course('dockyard', []), course('reseaux', ['Prof.Reseau@exemple.fr']), course('web', ['autre@exemple.fr'])];
  const labs = ['images', 'reseaux.arbre', 'reseaux.ponts', 'web.nginx', 'casse.lab'];
  const user = (role: SignedInUser['role'], email: string): SignedInUser => ({ id: 'u', name: 'U', email, role });

  it('shows an admin every pack, a broken one too', () => {
    const scope = healthScope(user('admin', 'admin@exemple.fr'), catalog, labs);
    expect(scope?.packs.map((pack) => pack.id)).toEqual(['dockyard', 'reseaux', 'web', 'casse']);
    expect(scope?.labsByPack.get('reseaux')).toEqual(['reseaux.arbre', 'reseaux.ponts']);
  });

  it('shows a maintainer their packs only (e-mail compared without case), and nobody else any', () => {
    expect(healthScope(user('instructor', 'prof.reseau@exemple.fr'), catalog, labs)?.packs.map((pack) => pack.id)).toEqual(['reseaux']);
    expect(healthScope(user('instructor', 'personne@exemple.fr'), catalog, labs)).toBeNull();
    expect(healthScope(user('student', 'prof.reseau@exemple.fr'), catalog, labs)).toBeNull();
  });
});
