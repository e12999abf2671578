// What an author reads of a background script's stderr in `npm run lab:test`.
import { describe, expect, it } from 'vitest';
import { formatLabTestReport, labPassed, type LabTestReport } from '@/server/lab-test/lab-test-report';
import { isMissingCommand } from '@/server/sessions/lab-scripts';

const lab = (report: Partial<LabTestReport>): LabTestReport => ({ slug: 'essai', title: 'Essai', nodes: ['node1'], steps: [], ...report });

describe('isMissingCommand', () => {
  it.each([
    'bash: line 3: podman: command not found',
    'bash: kubectl: command not found',
    "timeout: failed to run command 'helm': No such file or directory",
    "env: 'minikube': No such file or directory",
    'xargs: snap: No such file or directory',
  ])('knows « %s »', (line) => expect(isMissingCommand(line)).toBe(true));

  it.each(["ls: cannot access '/x': No such file or directory", 'Unable to find image nginx:latest locally', 'cat: /etc/x: No such file or directory'])(
    'leaves « %s » alone',
    (line) => expect(isMissingCommand(line)).toBe(false),
  );
});

describe('background scripts’ stderr in the report', () => {
  it('shows each line under its step, a missing command as ✗ and the rest as ⚠', () => {
    const printed = formatLabTestReport(
      lab({
        stderr: [{ page: 'introduction', lines: ['Unable to find image nginx:latest locally'] }],
        steps: [
          {
            index: 0,
            title: 'Préparer',
            outcome: 'failed',
            problem: 'Le script d’arrière-plan (étape 1) appelle une commande…',
            stderr: { page: 'étape 1', lines: ['bash: line 3: podman: command not found', 'note'] },
            timing: {},
          },
        ],
      }),
    );
    expect(printed.split('\n')).toEqual([
      '✗ essai — Essai (1 machine)',
      "    ⚠ stderr du script d'arrière-plan (introduction) : Unable to find image nginx:latest locally",
      '  ✗ 1. Préparer',
      '      Le script d’arrière-plan (étape 1) appelle une commande…',
      "      ✗ stderr du script d'arrière-plan (étape 1) : bash: line 3: podman: command not found",
      "      ⚠ stderr du script d'arrière-plan (étape 1) : note",
      '        commande absente des machines de lab : npm run content:check dit quoi utiliser à la place',
    ]);
  });

  it('passes a lab whose scripts only wrote notices, and fails one whose conclusion met a missing command', () => {
    const passed: LabTestReport['steps'] = [{ index: 0, title: 'A', outcome: 'passed', timing: {} }];
    expect(labPassed(lab({ steps: passed, stderr: [{ page: 'introduction', lines: ['Cloning into…'] }] }))).toBe(true);
    const missing = lab({ steps: passed, stderr: [{ page: 'conclusion', lines: ['bash: line 1: systemctl: command not found'] }] });
    expect(labPassed(missing)).toBe(false);
    expect(formatLabTestReport(missing).split('\n').slice(-2)[0]).toBe(
      "    ✗ stderr du script d'arrière-plan (conclusion) : bash: line 1: systemctl: command not found",
    );
  });

  it('bounds the notices, never the missing commands', () => {
    const lines = [...Array.from({ length: 25 }, (_, i) => `ligne ${i}`), 'bash: helm: command not found'];
    const printed = formatLabTestReport(lab({ stderr: [{ page: 'introduction', lines }] }));
    expect(printed).toContain('✗ stderr du script d\'arrière-plan (introduction) : bash: helm: command not found');
    expect(printed).toContain('⚠ … et 5 autres lignes sur stderr');
    expect(printed).not.toContain('ligne 20');
  });
});
