/**
 * The schema of a lab's index.json: Killercoda's scenario format, plus Dockyard's extension
 * in the `dockyard` block. Killercoda's objects are loose, so that a scenario written for it
 * loads unchanged; what Dockyard does not support there is reported as a warning by
 * killercoda-support.ts. The `dockyard` block is strict: a typo there would silently change
 * the sandbox, the hints or the grading.
 */
import { z } from 'zod';

export const DEFAULT_SANDBOX_IMAGE = 'dockyard/node:latest';
export const DEFAULT_NODES = ['node1'];

// Same rule as the terminal protocol's node names: the node is also the shell's hostname.
const nodeNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'nom de nœud attendu : minuscules, chiffres, tirets');
/** A file of the lab, relative to its folder (assets: relative to its assets/ folder). */
const fileSchema = z.string().min(1);
// chmod's own syntax ("+x", "u+rw,go-w", "755"): anything else would be passed to chmod as is.
const chmodSchema = z
  .string()
  .regex(/^(?:[0-7]{3,4}|[ugoa]*[-+=][rwxXst]*(?:,[ugoa]*[-+=][rwxXst]*)*)$/, 'mode attendu comme pour chmod : « +x », « 644 »…');

/** Killercoda's intro and finish pages. */
const pageSchema = z.looseObject({
  title: z.string().min(1).optional(),
  text: fileSchema.optional(),
  background: fileSchema.optional(),
  foreground: fileSchema.optional(),
});

const stepSchema = z.looseObject({
  title: z.string().min(1).optional(),
  text: fileSchema,
  verify: fileSchema.optional(),
  background: fileSchema.optional(),
  foreground: fileSchema.optional(),
});

const assetSchema = z.looseObject({
  file: fileSchema,
  target: z.string().regex(/^[/~]/, 'dossier absolu attendu (« /root », « ~/ », « /usr/local/bin »)'),
  chmod: chmodSchema.optional(),
});

const solutionPartSchema = z.strictObject({
  script: fileSchema,
  /** Where this part runs, in order; the step's node when absent. */
  nodes: z.array(nodeNameSchema).min(1).optional(),
});

const dockyardStepSchema = z.strictObject({
  /** The machine the step is checked on, and where its solution runs by default. */
  node: nodeNameSchema.optional(),
  /** Markdown files, shown one at a time on demand. */
  hints: z.array(fileSchema).default([]),
  /** One script, or parts run in order on given nodes (each gets the previous part's output). */
  solution: z.union([fileSchema, z.array(solutionPartSchema).min(1)]).optional(),
  points: z.number().int().min(0).max(1000).default(1),
});

const dockyardSchema = z.strictObject({
  image: z.string().min(1).default(DEFAULT_SANDBOX_IMAGE),
  nodes: z
    .array(nodeNameSchema)
    .min(1)
    .default(DEFAULT_NODES)
    .refine((nodes) => new Set(nodes).size === nodes.length, 'noms de nœuds en double'),
  /** The session lasts this long and cannot be extended past it. */
  timeLimitMinutes: z.number().int().min(1).max(24 * 60).optional(),
  /** One entry per step of details.steps, in the same order. */
  steps: z.array(dockyardStepSchema).optional(),
});

export const labIndexSchema = z
  .looseObject({
    title: z.string().min(1),
    description: z.string().min(1),
    details: z.looseObject({
      intro: pageSchema.optional(),
      steps: z.array(stepSchema).min(1),
      finish: pageSchema.optional(),
      /** Killercoda: files of assets/ copied into a machine at start, by host (host01 = first node). */
      assets: z.record(z.string(), z.array(assetSchema)).optional(),
    }),
    backend: z.looseObject({ imageid: z.string().min(1).optional() }).optional(),
    dockyard: dockyardSchema.optional(),
  })
  .superRefine((index, context) => {
    const nodes = labNodes(index);
    const steps = index.dockyard?.steps;
    if (!steps) return;
    const stepCount = index.details.steps.length;
    if (steps.length !== stepCount) {
      context.addIssue({
        code: 'custom',
        path: ['dockyard', 'steps'],
        message: `${steps.length} entrée(s) pour ${stepCount} étape(s) dans details.steps : il en faut une par étape, dans le même ordre`,
      });
    }
    const knownNode = (node: string, path: Array<string | number>) => {
      if (!nodes.includes(node)) {
        context.addIssue({ code: 'custom', path, message: `nœud « ${node} » absent de dockyard.nodes (${nodes.join(', ')})` });
      }
    };
    steps.forEach((step, index) => {
      if (step.node) knownNode(step.node, ['dockyard', 'steps', index, 'node']);
      if (Array.isArray(step.solution)) {
        step.solution.forEach((part, partIndex) =>
          part.nodes?.forEach((node, nodeIndex) =>
            knownNode(node, ['dockyard', 'steps', index, 'solution', partIndex, 'nodes', nodeIndex]),
          ),
        );
      }
    });
  });

export type LabIndex = z.output<typeof labIndexSchema>;
export type LabIndexStep = LabIndex['details']['steps'][number];
export type DockyardStep = NonNullable<NonNullable<LabIndex['dockyard']>['steps']>[number];

/** The lab's machines, in the order authors list them (host01 is the first). */
export function labNodes(index: LabIndex): string[] {
  return index.dockyard?.nodes ?? DEFAULT_NODES;
}

/** `host01` → 0: Killercoda numbers its machines from 1. */
export function hostIndex(host: string): number | null {
  const match = /^host(\d+)$/.exec(host);
  return match ? Number(match[1]) - 1 : null;
}
