/**
 * Every file a lab's index.json names, with the field that names it. The loader reads them
 * and the content checker reports each missing one (a missing asset as a warning, the others
 * as errors): one list, so the two never disagree.
 */
import { hostIndex, labNodes, type LabIndex } from './lab-index';

export type LabFileKind = 'markdown' | 'script' | 'asset';

export interface LabFileReference {
  /** Where index.json names the file, e.g. `details.steps.0.verify`. */
  field: string;
  /** Path relative to the lab's folder (assets live in its assets/ folder). */
  relative: string;
  kind: LabFileKind;
}

export const ASSETS_DIR = 'assets';

/** Killercoda's `"file": "*"`-style patterns are not copied (see killercoda-support.ts). */
export function isAssetPattern(file: string): boolean {
  return /[*?[\]]/.test(file);
}

export function labFileReferences(index: LabIndex): LabFileReference[] {
  const references: LabFileReference[] = [];
  const add = (field: string, relative: string | undefined, kind: LabFileKind) => {
    if (relative !== undefined) references.push({ field, relative, kind });
  };
  const addPage = (field: string, page: { text?: string; background?: string; foreground?: string } | undefined) => {
    add(`${field}.text`, page?.text, 'markdown');
    add(`${field}.background`, page?.background, 'script');
    add(`${field}.foreground`, page?.foreground, 'script');
  };

  addPage('details.intro', index.details.intro);
  index.details.steps.forEach((step, i) => {
    addPage(`details.steps.${i}`, step);
    add(`details.steps.${i}.verify`, step.verify, 'script');
  });
  addPage('details.finish', index.details.finish);

  for (const [host, assets] of Object.entries(index.details.assets ?? {})) {
    // Assets for a machine the lab does not have are reported, not copied (killercoda-support.ts).
    const position = hostIndex(host);
    if (position === null || position >= labNodes(index).length) continue;
    assets.forEach((asset, i) => {
      if (!isAssetPattern(asset.file)) add(`details.assets.${host}.${i}.file`, `${ASSETS_DIR}/${asset.file}`, 'asset');
    });
  }

  index.dockyard?.steps?.forEach((step, i) => {
    step.hints.forEach((hint, j) => add(`dockyard.steps.${i}.hints.${j}`, hint, 'markdown'));
    if (typeof step.solution === 'string') add(`dockyard.steps.${i}.solution`, step.solution, 'script');
    else step.solution?.forEach((part, j) => add(`dockyard.steps.${i}.solution.${j}.script`, part.script, 'script'));
  });
  return references;
}
