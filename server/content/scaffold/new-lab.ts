/**
 * `./dockyard lab new <slug>`: writes the smallest lab that is complete — index.json with its
 * `dockyard` block, an introduction, one step (text with a click-to-run block, a check, a
 * solution, a hint) and a conclusion — so that content:check and lab:test pass on it as
 * written, and an author starts from something that works rather than from a blank page.
 * The step creates a Docker volume: cheap, offline, and absent from a fresh machine, so its
 * check fails before the solution as lab:test requires. An author's files are never
 * overwritten: an existing folder is refused.
 */
import { chmod, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ContentError, InvalidSlugError } from '../content-errors';
import { assertSlug, displayPath } from '../content-paths';
import { DEFAULT_NODES, DEFAULT_SANDBOX_IMAGE } from '../lab-index';
import { CONTENT_ID_PATTERN } from '../packs/pack-registry';

export interface NewLabOptions {
  /** The content folder: the one holding course.json. */
  contentRoot: string;
  slug: string;
  /** The lab's title; made from the slug when absent (`mon-lab` → « Mon lab »). */
  title?: string;
}

export interface NewLab {
  /** The lab's folder, absolute. */
  labDir: string;
  /** The files written, relative to labDir, in the order an author reads them. */
  files: string[];
}

/** The folder to create already exists: it is an author's, and stays as it is. */
export class LabExistsError extends ContentError {
  override name = 'LabExistsError';

  constructor(readonly labDir: string) {
    super(
      `Le dossier ${displayPath(labDir)} existe déjà : rien n'a été écrit. Choisissez un autre identifiant, ou supprimez ce dossier vous-même s'il ne sert plus.`,
      labDir,
    );
  }
}

/** The folder given holds no course.json: a lab written there would belong to no course. */
export class NotAContentFolderError extends ContentError {
  override name = 'NotAContentFolderError';

  constructor(readonly contentRoot: string) {
    super(
      `${displayPath(contentRoot)} n'est pas un dossier de contenu : il n'a pas de course.json. Donnez le dossier qui contient course.json et labs/ (content/ par défaut), ou créez d'abord son course.json (voir docs/authoring.md).`,
      path.join(contentRoot, 'course.json'),
    );
  }
}

/** The volume the step asks for: its name is in the text, the check, the hint and the solution. */
const VOLUME = 'mes-donnees';

const STEP_TITLE = 'Créer un volume';

/** The lab's files, relative to its folder; scripts are made executable like the course's. */
const TEMPLATE_FILES: Record<string, string> = {
  'intro.md': `Dans ce lab, vous disposez d'une machine rien qu'à vous, avec Docker installé : le
terminal à droite y est connecté.

Les blocs de commande marqués **▶ Exécuter** tapent la commande pour vous dans le terminal.
À la fin de chaque étape, le bouton **Vérifier** contrôle sur la machine que vous avez bien
obtenu le résultat attendu.
`,
  'step1/text.md': `Créez un volume nommé \`${VOLUME}\` :

\`\`\`bash
docker volume create ${VOLUME}
\`\`\`{{exec}}

Il apparaît dans la liste des volumes de la machine :

\`\`\`bash
docker volume ls
\`\`\`{{exec}}

Cliquez ensuite sur **Vérifier**.
`,
  'step1/indice-1.md': `La commande \`docker volume create\` prend le nom du volume en argument.
`,
  'step1/verify.sh': `#!/usr/bin/env bash
# Passes when the volume ${VOLUME} exists on the machine.
if ! docker volume inspect ${VOLUME} >/dev/null 2>&1; then
  echo "Aucun volume nommé ${VOLUME} : créez-le avec docker volume create ${VOLUME}."
  exit 1
fi
echo "Le volume ${VOLUME} existe."
`,
  'step1/solution.sh': `#!/usr/bin/env bash
# Ce que l'étape demande, lancé par npm run lab:test entre ses deux vérifications.
docker volume create ${VOLUME}
`,
  'finish.md': `Bravo, le volume \`${VOLUME}\` est créé !

Cliquez sur **Terminer le lab** quand vous avez fini : votre machine sera supprimée, avec
tout ce qu'elle contient.
`,
};

/** Laid out like the course's own index.json files: one line per step. */
function labIndex(title: string): string {
  const json = JSON.stringify;
  return `{
  "title": ${json(title)},
  "description": "Décrivez ici en une ou deux phrases ce que les étudiants feront dans ce lab.",
  "details": {
    "intro": { "text": "intro.md" },
    "steps": [
      { "title": ${json(STEP_TITLE)}, "text": "step1/text.md", "verify": "step1/verify.sh" }
    ],
    "finish": { "text": "finish.md" }
  },
  "dockyard": {
    "image": ${json(DEFAULT_SANDBOX_IMAGE)},
    "nodes": ${json(DEFAULT_NODES)},
    "steps": [
      { "hints": ["step1/indice-1.md"], "solution": "step1/solution.sh", "points": 1 }
    ]
  }
}
`;
}

/** `mon-premier-lab` → « Mon premier lab ». */
export function titleFromSlug(slug: string): string {
  const words = slug.replace(/-+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export async function writeNewLab({ contentRoot, slug, title }: NewLabOptions): Promise<NewLab> {
  assertSlug(slug);
  // Served ids are at most 64 characters (packs/pack-registry.ts): a longer lab could not be opened.
  if (!CONTENT_ID_PATTERN.test(slug)) throw new InvalidSlugError(slug);
  const root = path.resolve(contentRoot);
  const course = await stat(path.join(root, 'course.json')).catch(() => null);
  if (!course?.isFile()) throw new NotAContentFolderError(root);

  const labDir = path.join(root, 'labs', slug);
  await mkdir(path.dirname(labDir), { recursive: true });
  // Not recursive: mkdir itself refuses a folder (or file) already there, with no window between a check and the write.
  try {
    await mkdir(labDir);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') throw new LabExistsError(labDir);
    throw error;
  }

  const files: Record<string, string> = {
    'index.json': labIndex(title?.trim() || titleFromSlug(slug)),
    ...TEMPLATE_FILES,
  };
  try {
    for (const [relative, contents] of Object.entries(files)) {
      const file = path.join(labDir, relative);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, contents, { flag: 'wx' });
      if (relative.endsWith('.sh')) await chmod(file, 0o755);
    }
  } catch (error) {
    // The folder is ours (created above): half a lab would only fail content:check later.
    await rm(labDir, { recursive: true, force: true });
    throw error;
  }
  return { labDir, files: Object.keys(files) };
}
