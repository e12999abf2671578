import path from 'node:path';
import { z } from 'zod';
import { assertSlug, resolveContentRoot, resolveInside, type ContentOptions } from './content-paths';
import { renderMarkdown } from './markdown/render-markdown';
import { readContentText, readJsonContent } from './read-content-file';

export const DEFAULT_SANDBOX_IMAGE = 'dockyard/node:latest';

// Same rule as the terminal protocol's node names: the node is also the shell's hostname.
const nodeNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'nom de nœud attendu : minuscules, chiffres, tirets');
const fileSchema = z.string().min(1);

/**
 * Killercoda's scenario format (index.json). Objects are not strict on Killercoda's side so
 * that scenarios written for it (with `background`, `foreground`, `interface`…) still load;
 * our own `dockyard` extension is strict, since a typo there would silently change the sandbox.
 */
const labIndexSchema = z.object({
  title: z.string().min(1),
  description: z.string().min(1),
  details: z.object({
    intro: z.object({ text: fileSchema }).optional(),
    steps: z.array(z.object({ title: z.string().min(1), text: fileSchema, verify: fileSchema.optional() })).min(1),
    finish: z.object({ text: fileSchema }).optional(),
  }),
  backend: z.object({ imageid: z.string().min(1) }).optional(),
  dockyard: z
    .strictObject({
      image: z.string().min(1).default(DEFAULT_SANDBOX_IMAGE),
      nodes: z
        .array(nodeNameSchema)
        .min(1)
        .default(['node1'])
        .refine((nodes) => new Set(nodes).size === nodes.length, 'noms de nœuds en double'),
    })
    .optional(),
});

export interface LabStep {
  /** 0-based position: the value sent as `step` when checking. */
  index: number;
  title: string;
  html: string;
  /** Bash source of the step's check, run inside the sandbox; null when the step has none. */
  verifyScript: string | null;
}

export interface Lab {
  slug: string;
  title: string;
  description: string;
  /** Sandbox image every node starts from. */
  image: string;
  nodes: string[];
  intro: { html: string };
  steps: LabStep[];
  finish: { html: string };
}

export async function loadLab(slug: string, options: ContentOptions = {}): Promise<Lab> {
  assertSlug(slug);
  const contentRoot = resolveContentRoot(options);
  const labDir = path.join(contentRoot, 'labs', slug);
  const indexFile = path.join(labDir, 'index.json');
  const index = await readJsonContent(indexFile, labIndexSchema, 'not-found');

  const fileOf = (relative: string) => resolveInside(contentRoot, labDir, relative, indexFile);
  const renderFile = async (relative: string | undefined) => {
    if (relative === undefined) return { html: '' };
    const file = fileOf(relative);
    const markdown = await readContentText(file);
    return { html: renderMarkdown(markdown, { contentRoot, baseDir: path.dirname(file), sourceFile: file }).html };
  };

  const [intro, finish, steps] = await Promise.all([
    renderFile(index.details.intro?.text),
    renderFile(index.details.finish?.text),
    Promise.all(
      index.details.steps.map(async (step, stepIndex) => ({
        index: stepIndex,
        title: step.title,
        html: (await renderFile(step.text)).html,
        verifyScript: step.verify === undefined ? null : await readContentText(fileOf(step.verify)),
      })),
    ),
  ]);

  return {
    slug,
    title: index.title,
    description: index.description,
    image: index.dockyard?.image ?? DEFAULT_SANDBOX_IMAGE,
    nodes: index.dockyard?.nodes ?? ['node1'],
    intro,
    steps,
    finish,
  };
}
