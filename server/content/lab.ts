import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { locateContent, qualifyLinks, resolveContentRoot, resolveInside, type ContentOptions } from './content-paths';
import { killercodaWarnings, type LabWarning } from './killercoda-support';
import { ASSETS_DIR, isAssetPattern, labFileReferences } from './lab-files';
import { DEFAULT_SANDBOX_IMAGE, hostIndex, labIndexSchema, labNodes, type DockyardStep, type LabIndex } from './lab-index';
import { missingAssetWarning } from './missing-asset';
import { renderCodeBlock } from './markdown/code-block';
import { renderMarkdown } from './markdown/render-markdown';
import { readContentText, readJsonContent } from './read-content-file';

export { DEFAULT_SANDBOX_IMAGE };

/** Scripts Killercoda runs when a page (intro, step, finish) starts; source text, or null. */
export interface PageScripts {
  /** Run on the lab's first machine, without the student seeing it. */
  background: string | null;
  /** Typed into the student's terminal on the first machine. */
  foreground: string | null;
}

export interface LabPage extends PageScripts {
  /** Killercoda's page title, when the author gave one. */
  title: string | null;
  html: string;
}

export interface SolutionPart {
  /** Machines this part runs on, in order. */
  nodes: string[];
  script: string;
  /** The script as a highlighted block with a copy button, for « Voir la solution ». */
  html: string;
}

export interface LabStep extends PageScripts {
  /** 0-based position: the value sent as `step` when checking. */
  index: number;
  title: string;
  html: string;
  /** The machine the step is checked on (and its solution's default machine). */
  node: string;
  /** Bash source of the step's check, run inside the sandbox; null when the step has none. */
  verifyScript: string | null;
  /** HTML of each hint, in the order they are shown. */
  hints: string[];
  /** null when the author wrote none (lab:test then refuses the step if it has a check). */
  solution: SolutionPart[] | null;
  points: number;
}

/** A file of the lab's assets/ folder, copied into a machine when a session starts. */
export interface LabAsset {
  node: string;
  /** Absolute path of the file on the server. */
  source: string;
  /** Folder in the machine (`~` is root's home). */
  target: string;
  chmod: string | null;
}

export interface Lab {
  /** The lab's id: its slug, prefixed by its pack outside the built-in course (`pack.slug`). */
  slug: string;
  /** The version of its pack it was read from (a git commit); null for a folder. */
  version: string | null;
  title: string;
  description: string;
  /** Sandbox image every node starts from. */
  image: string;
  nodes: string[];
  /** Sessions of this lab last this long and cannot be extended past it; null: the usual lifetime. */
  timeLimitMinutes: number | null;
  intro: LabPage;
  steps: LabStep[];
  finish: LabPage;
  assets: LabAsset[];
  /**
   * What the lab asks for and will not get: Killercoda's features Dockyard does not do, and
   * assets left out because their file is missing. The lab works without them; content:check
   * prints them, and the lab page shows them to instructors and admins.
   */
  warnings: LabWarning[];
}

export function labIndexFile(slug: string, options: ContentOptions = {}): string {
  const at = locateContent(slug, options);
  return path.join(at.contentRoot, 'labs', at.slug, 'index.json');
}

/** Every lab of the content folder (a folder of labs/ holding an index.json), by slug. */
export async function listLabSlugs(options: ContentOptions = {}): Promise<string[]> {
  const labsDir = path.join(resolveContentRoot(options), 'labs');
  const entries = await readdir(labsDir, { withFileTypes: true }).catch(() => []);
  const labs = await Promise.all(
    entries.map(async (entry) => {
      const found = entry.isDirectory() && (await stat(path.join(labsDir, entry.name, 'index.json')).then(() => true, () => false));
      return found ? [entry.name] : [];
    }),
  );
  return labs.flat().sort();
}

/** Reads and validates index.json; a lab without one does not exist. */
export async function readLabIndex(slug: string, options: ContentOptions = {}): Promise<LabIndex> {
  return readJsonContent(labIndexFile(slug, options), labIndexSchema, 'not-found');
}

export async function loadLab(slug: string, options: ContentOptions = {}): Promise<Lab> {
  const at = locateContent(slug, options);
  // One version read throughout, even if the pack switches meanwhile.
  const pinned = { contentRoot: at.contentRoot };
  const index = await readLabIndex(at.slug, pinned);
  const contentRoot = at.contentRoot;
  const indexFile = labIndexFile(at.slug, pinned);
  const labDir = path.dirname(indexFile);
  const fileOf = (relative: string) => resolveInside(contentRoot, labDir, relative, indexFile);

  // Every file index.json names, read once. Assets are only looked for (they are copied at
  // start): one that is missing is left out with a warning rather than refusing the lab.
  const texts = new Map<string, string>();
  const found = await Promise.all(
    labFileReferences(index).map(async ({ field, relative, kind }) => {
      const file = fileOf(relative);
      if (kind !== 'asset') texts.set(relative, await readContentText(file));
      return { field, file, missing: kind === 'asset' && !(await isFile(file)) };
    }),
  );
  const missingAssets = found.filter(({ missing }) => missing);
  const text = (relative: string | undefined) => (relative === undefined ? null : (texts.get(relative) ?? null));
  const html = (relative: string | undefined) => {
    const markdown = text(relative);
    if (markdown === null) return '';
    const file = fileOf(relative ?? '');
    return qualifyLinks(at, renderMarkdown(markdown, { contentRoot, baseDir: path.dirname(file), sourceFile: file }).html);
  };
  const page = (source: NonNullable<LabIndex['details']['intro']> | undefined): LabPage => ({
    title: source?.title ?? null,
    html: html(source?.text),
    background: text(source?.background),
    foreground: text(source?.foreground),
  });

  const nodes = labNodes(index);
  const firstNode = nodes[0] ?? 'node1';
  const steps = index.details.steps.map((step, stepIndex): LabStep => {
    const extension: Partial<DockyardStep> = index.dockyard?.steps?.[stepIndex] ?? {};
    const node = extension.node ?? firstNode;
    return {
      index: stepIndex,
      title: step.title ?? `Étape ${stepIndex + 1}`,
      html: html(step.text),
      node,
      verifyScript: text(step.verify),
      background: text(step.background),
      foreground: text(step.foreground),
      hints: (extension.hints ?? []).map((hint) => html(hint)),
      solution: solutionParts(extension.solution, node, text),
      points: extension.points ?? 1,
    };
  });

  return {
    slug: at.id,
    version: at.version,
    title: index.title,
    description: index.description,
    image: index.dockyard?.image ?? DEFAULT_SANDBOX_IMAGE,
    nodes,
    timeLimitMinutes: index.dockyard?.timeLimitMinutes ?? null,
    intro: page(index.details.intro),
    steps,
    finish: page(index.details.finish),
    assets: labAssets(index, nodes, (file) => fileOf(path.posix.join(ASSETS_DIR, file))).filter(
      (asset) => !missingAssets.some(({ file }) => file === asset.source),
    ),
    warnings: [
      ...killercodaWarnings(index),
      ...missingAssets.map(({ field, file }) => missingAssetWarning(field, path.relative(contentRoot, file))),
    ],
  };
}

function solutionParts(
  solution: DockyardStep['solution'] | undefined,
  stepNode: string,
  text: (relative: string) => string | null,
): SolutionPart[] | null {
  if (solution === undefined) return null;
  const parts = typeof solution === 'string' ? [{ script: solution, nodes: [stepNode] }] : solution;
  return parts.map((part) => {
    const script = text(part.script) ?? '';
    // The shebang is for running the script; the student reads and copies the commands.
    const shown = script.replace(/^#!.*\n/, '').trimEnd();
    return { nodes: part.nodes ?? [stepNode], script, html: renderCodeBlock(shown, 'bash', { action: 'copy', interrupt: false }) };
  });
}

/** Killercoda's assets for the machines the lab has (the others are warned about, not copied). */
function labAssets(index: LabIndex, nodes: string[], sourceOf: (file: string) => string): LabAsset[] {
  return Object.entries(index.details.assets ?? {}).flatMap(([host, assets]) => {
    const position = hostIndex(host);
    const node = position === null ? undefined : nodes[position];
    if (!node) return [];
    return assets
      .filter((asset) => !isAssetPattern(asset.file))
      .map((asset) => ({
        node,
        source: sourceOf(asset.file),
        target: asset.target,
        chmod: asset.chmod ?? null,
      }));
  });
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
}
