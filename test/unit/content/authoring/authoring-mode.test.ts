import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTHORING_EVENTS, AUTHORING_NAMESPACE, type AuthoringReport } from '@/server/content/authoring/authoring-events';
import { AuthoringMode, folderPacks } from '@/server/content/authoring/authoring-mode';
import type { ContentIssue } from '@/server/content/content-issues';

const FIXTURE = path.resolve('test/fixtures/authoring-pack');

/** What socket.io's namespace is asked: events broadcast, and the handler of a page connecting. */
function fakeIo() {
  const broadcast: Array<{ event: string; report: AuthoringReport }> = [];
  let onConnection: ((socket: { emit: (event: string, data: unknown) => void }) => void) | undefined;
  const namespaces: string[] = [];
  const io = {
    of: (name: string) => {
      namespaces.push(name);
      return {
        on: (_event: 'connection', handler: typeof onConnection) => void (onConnection = handler),
        emit: (event: string, report: AuthoringReport) => broadcast.push({ event, report }),
      };
    },
  };
  /** A page connecting: what it is sent first. */
  const connect = () => {
    const sent: Array<{ event: string; data: unknown }> = [];
    onConnection?.({ emit: (event, data) => void sent.push({ event, data }) });
    return sent;
  };
  return { io: io as never, broadcast, namespaces, connect };
}

describe('AuthoringMode, on a real pack folder watched with fs.watch', () => {
  let root: string;
  let mode: AuthoringMode | undefined;

  beforeEach(async () => {
    root = path.join(await mkdtemp(path.join(tmpdir(), 'dockyard-auteur-')), 'paquet');
    await cp(FIXTURE, root, { recursive: true });
  });
  afterEach(async () => {
    mode?.stop();
    await rm(path.dirname(root), { recursive: true, force: true });
  });

  it('checks the pack on every save: the report in the terminal, the issues for /admin and for open pages', async () => {
    const { io, broadcast, namespaces, connect } = fakeIo();
    const printed: string[] = [];
    const setIssues = vi.fn<(id: string, issues: ContentIssue[]) => void>();
    mode = new AuthoringMode({ packs: [{ id: 'auteur', root }], io, setIssues, print: (text) => printed.push(text), debounceMs: 300 });
    await mode.start();
    expect(namespaces.every((name) => name === AUTHORING_NAMESPACE)).toBe(true);

    // At start: checked, valid, printed; nothing broadcast, but a page connecting learns it.
    expect(printed.join('\n')).toContain('✓ contenu valide');
    expect(broadcast).toEqual([]);
    expect(setIssues).toHaveBeenCalledWith('auteur', []);
    expect(connect()).toEqual([{ event: AUTHORING_EVENTS.state, data: [{ pack: 'auteur', issues: [], changedAt: expect.any(String) }] }]);

    const index = path.join(root, 'labs/atelier/index.json');
    const valid = await readFile(index, 'utf8');
    // Two quick writes, one check.
    await writeFile(index, valid.replace('"nodes": ["node1"]', '"nodes": []'));
    await writeFile(index, valid.replace('"nodes": ["node1"]', '"nodes": "node1"'));
    await vi.waitFor(() => expect(broadcast).toHaveLength(1), { timeout: 5000 });
    await mode.settled();
    expect(broadcast).toHaveLength(1);
    expect(broadcast[0]).toEqual({
      event: AUTHORING_EVENTS.change,
      report: {
        pack: 'auteur',
        changedAt: expect.any(String),
        issues: [{ severity: 'error', file: 'labs/atelier/index.json', line: 12, message: expect.stringMatching(/^dockyard\.nodes : /) }],
      },
    });
    expect(setIssues).toHaveBeenLastCalledWith('auteur', [expect.objectContaining({ severity: 'error', file: index, line: 12 })]);
    const report = printed.at(-1) ?? '';
    expect(report).toContain('paquet « auteur »');
    expect(report).toContain('enregistré : labs/atelier/index.json');
    expect(report).toContain(`✗ ${index}:12:5`);
    expect(report).toContain('1 erreur à corriger');
    // A page connecting now shows the error at once.
    expect((connect()[0]?.data as AuthoringReport[])[0]?.issues).toHaveLength(1);

    // Fixed, in a file made by an editor's rename over the original.
    await writeFile(`${index}.tmp`, valid);
    await rename(`${index}.tmp`, index);
    await vi.waitFor(() => expect(broadcast).toHaveLength(2), { timeout: 5000 });
    expect(broadcast[1]?.report.issues).toEqual([]);
    expect(setIssues).toHaveBeenLastCalledWith('auteur', []);
    expect(printed.at(-1)).toContain('✓ contenu valide');
  });

  it('watches only folder packs', () => {
    expect(
      folderPacks([
        { id: 'reseaux', kind: 'folder', location: '/srv/reseaux' },
        { id: 'k8s', kind: 'git', location: 'https://git.example/k8s.git' },
      ]),
    ).toEqual([{ id: 'reseaux', root: '/srv/reseaux' }]);
  });
});
