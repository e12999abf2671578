/**
 * Where packs come from: DOCKYARD_CONTENT (the operator's, comma- or newline-separated) and
 * the packs admins add on /admin. An entry is `[name=]location[#branch]`: a folder, served as
 * it is on disk, or a git repository (an URL, `git@host:…`, or a path ending in `.git`), pulled
 * and switched in only when valid. The name is the pack's namespace: `reseaux.premier-lab`.
 */
import path from 'node:path';
import { AppError } from '../../errors';
import { BUILTIN_PACK, PACK_ID_PATTERN } from './pack-registry';

export type PackSource =
  | { id: string; kind: 'folder'; folder: string }
  | { id: string; kind: 'git'; url: string; branch: string | null };

export class PackConfigError extends AppError {
  constructor(message: string) {
    super(message, 400, 'Corrigez DOCKYARD_CONTENT ou le paquet ajouté sur /admin : voir docs/authoring.md, « Paquets de contenu ».');
  }
}

export function isGitLocation(location: string): boolean {
  return /^(?:[a-z+]+:\/\/|git@)/.test(location) || location.replace(/#[^#]*$/, '').replace(/\/+$/, '').endsWith('.git');
}

export function describeSource(source: PackSource): string {
  return source.kind === 'folder' ? source.folder : `${source.url}${source.branch ? `#${source.branch}` : ''}`;
}

/** One entry; `name` (when given) wins over the one the entry carries or its folder's name. */
export function parsePackSource(entry: string, name?: string): PackSource {
  const match = /^(?:([^=\s]+)=)?(.+)$/.exec(entry.trim());
  const location = match?.[2]?.trim() ?? '';
  if (!location) throw new PackConfigError(`Paquet de contenu sans emplacement : « ${entry} ».`);
  const [where, branch] = isGitLocation(location) ? splitBranch(location) : [location, null];
  const id = (name ?? match?.[1] ?? defaultName(where)).trim();
  if (!PACK_ID_PATTERN.test(id)) {
    throw new PackConfigError(
      `Nom de paquet invalide : « ${id} » (pour ${location}). Un nom est fait de lettres minuscules, chiffres et tirets : donnez-le avec nom=${location}.`,
    );
  }
  if (id === BUILTIN_PACK) {
    throw new PackConfigError(`Le nom « ${BUILTIN_PACK} » est celui du cours intégré : choisissez-en un autre pour ${location} (nom=${location}).`);
  }
  return isGitLocation(location) ? { id, kind: 'git', url: where, branch } : { id, kind: 'folder', folder: path.resolve(where) };
}

/**
 * Every entry of DOCKYARD_CONTENT plus the admins' packs. Two packs of one name would share a
 * namespace: refused, naming both, rather than one silently hiding the other's labs.
 */
export function parsePackSources(setting: string | undefined, added: PackSource[] = []): PackSource[] {
  const entries = (setting ?? '').split(/[,\n]/).map((entry) => entry.trim()).filter(Boolean);
  const sources = [...entries.map((entry) => parsePackSource(entry)), ...added];
  assertDistinct(sources);
  return sources;
}

export function assertDistinct(sources: PackSource[]): void {
  const seen = new Map<string, PackSource>();
  for (const source of sources) {
    const earlier = seen.get(source.id);
    if (earlier) {
      throw new PackConfigError(
        `Deux paquets de contenu s'appellent « ${source.id} » : ${describeSource(earlier)} et ${describeSource(source)}. Donnez à l'un un autre nom (autre-nom=${describeSource(source)}).`,
      );
    }
    seen.set(source.id, source);
  }
}

function splitBranch(location: string): [string, string | null] {
  const hash = location.lastIndexOf('#');
  return hash < 0 ? [location, null] : [location.slice(0, hash), location.slice(hash + 1) || null];
}

/** `/srv/cours-reseaux` → `cours-reseaux`; `https://git.example/prof/k8s.git` → `k8s`. */
function defaultName(location: string): string {
  return path.basename(location.replace(/\/+$/, '').replace(/\.git$/, '')).toLowerCase();
}
