/** Small content packs written on disk, and git repositories holding them, for the packs' tests. */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PackText {
  /** The lab's title: tells versions apart. */
  labTitle: string;
  /** The lab's slug (default `premier`). */
  lab?: string;
  /** Writes an index.json that is not JSON, at line 3. */
  broken?: boolean;
  /** The step's check (default: the file the solution makes exists). */
  verify?: string;
}

export async function writePack(root: string, { labTitle, lab = 'premier', broken = false, verify = 'test -f /root/ok' }: PackText): Promise<string> {
  const files: Record<string, string> = {
    'course.json': JSON.stringify(
      { title: 'Réseaux avancés', description: 'Un paquet de test.', maintainers: ['prof@exemple.fr'], chapters: [{ slug: 'bases', title: 'Bases', summary: 'Les bases.', lesson: 'bases', lab }] },
      null,
      2,
    ),
    'lessons/bases.md': `---\ntitle: Les bases\nsummary: Ce qu'il faut savoir.\nlab: ${lab}\n---\n\nPratiquez dans [le lab](/labs/${lab}).\n`,
    [`labs/${lab}/index.json`]: broken
      ? '{\n  "title": "Cassé",\n  "description": \n}\n'
      : JSON.stringify({ title: labTitle, description: 'Un lab de paquet.', details: { steps: [{ title: 'Un', text: 'step1.md', verify: 'verify.sh' }] }, dockyard: { steps: [{ solution: 'solution.sh' }] } }, null, 2),
    [`labs/${lab}/step1.md`]: 'Créez le fichier `/root/ok`.\n',
    [`labs/${lab}/verify.sh`]: `#!/bin/bash\n${verify}\n`,
    [`labs/${lab}/solution.sh`]: '#!/bin/bash\ntouch /root/ok\n',
  };
  for (const [relative, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), text);
  }
  return root;
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `dockyard-${prefix}-`));
}

/** A bare repository and a working copy pushing to it: `commit` writes a pack version and pushes it. */
export async function gitRemote(): Promise<{ url: string; commit: (text: PackText) => Promise<string>; remove: () => Promise<void> }> {
  const home = await tempDir('git-pack');
  const bare = path.join(home, 'cours.git');
  const work = path.join(home, 'work');
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Prof', '-c', 'user.email=prof@exemple.fr', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();
  git(home, 'init', '--quiet', '--bare', bare);
  git(home, 'init', '--quiet', work);
  return {
    url: bare,
    commit: async (text) => {
      await rm(path.join(work, 'labs'), { recursive: true, force: true });
      await writePack(work, text);
      git(work, 'add', '--all');
      git(work, 'commit', '--quiet', '-m', text.labTitle);
      git(work, 'push', '--quiet', bare, 'HEAD:refs/heads/main');
      return git(work, 'rev-parse', 'HEAD');
    },
    remove: () => rm(home, { recursive: true, force: true }),
  };
}
