/**
 * What of a Killercoda scenario Dockyard does not do. A scenario copied unchanged into
 * content/labs loads and runs as far as Dockyard's machines allow; everything it would
 * otherwise silently ignore (an unknown field, a Kubernetes backend, an IDE layout, assets
 * for a machine the lab does not have…) becomes a warning naming the field, so the author
 * knows what the students will not get.
 */
import { hostIndex, labNodes, type LabIndex } from './lab-index';
import { isAssetPattern } from './lab-files';

export interface LabWarning {
  /** The field of index.json at fault, e.g. `details.steps.0.answer`. */
  field: string;
  message: string;
}

const PAGE_FIELDS = ['title', 'text', 'background', 'foreground'];
const KNOWN_FIELDS = {
  root: ['title', 'description', 'details', 'backend', 'dockyard'],
  details: ['intro', 'steps', 'finish', 'assets'],
  page: PAGE_FIELDS,
  step: [...PAGE_FIELDS, 'verify'],
  asset: ['file', 'target', 'chmod'],
  backend: ['imageid'],
};

/** Fields met in real scenarios, with what to do about them instead of the generic message. */
const KNOWN_UNSUPPORTED: Record<string, string> = {
  interface: 'la disposition de l’écran de Killercoda n’est pas prise en charge : Dockyard affiche toujours les étapes à gauche et le terminal à droite',
  answer: 'la page de réponse de Katacoda n’est pas affichée : écrivez plutôt une solution dans dockyard.steps (bouton « Voir la solution »)',
  courseData: 'ancien nom Katacoda du script d’arrière-plan, ignoré : renommez-le « background »',
  code: 'ancien nom Katacoda du script de premier plan, ignoré : renommez-le « foreground »',
  difficulty: 'la difficulté n’est pas affichée par Dockyard',
  time: 'la durée estimée n’est pas affichée ; pour limiter le temps du lab, utilisez dockyard.timeLimitMinutes',
};

/** Killercoda's Ubuntu machines are the closest to Dockyard's (Debian with its own Docker engine). */
const SUPPORTED_IMAGE = /^ubuntu/;

export function killercodaWarnings(index: LabIndex): LabWarning[] {
  const warnings: LabWarning[] = [];
  const nodes = labNodes(index);

  const unknownFields = (object: object, known: string[], prefix: string) => {
    for (const key of Object.keys(object)) {
      if (known.includes(key)) continue;
      const field = prefix ? `${prefix}.${key}` : key;
      warnings.push({ field, message: KNOWN_UNSUPPORTED[key] ?? `champ inconnu de Dockyard, ignoré` });
    }
  };

  unknownFields(index, KNOWN_FIELDS.root, '');
  unknownFields(index.details, KNOWN_FIELDS.details, 'details');
  if (index.details.intro) unknownFields(index.details.intro, KNOWN_FIELDS.page, 'details.intro');
  index.details.steps.forEach((step, i) => unknownFields(step, KNOWN_FIELDS.step, `details.steps.${i}`));
  if (index.details.finish) unknownFields(index.details.finish, KNOWN_FIELDS.page, 'details.finish');

  if (index.backend) {
    unknownFields(index.backend, KNOWN_FIELDS.backend, 'backend');
    const image = index.backend.imageid;
    if (image && !SUPPORTED_IMAGE.test(image)) {
      warnings.push({
        field: 'backend.imageid',
        message:
          `l’environnement « ${image} » de Killercoda n’existe pas dans Dockyard : le lab tourne sur ` +
          `${nodes.length === 1 ? 'une machine' : `${nodes.length} machines`} Debian avec Docker (dockyard.nodes), ` +
          'où ses outils propres (kubectl…) manquent',
      });
    }
  }

  for (const [host, assets] of Object.entries(index.details.assets ?? {})) {
    const field = `details.assets.${host}`;
    const position = hostIndex(host);
    if (position === null) {
      warnings.push({ field, message: 'seules les machines host01, host02… reçoivent des fichiers : ceux-ci ne sont copiés nulle part' });
      continue;
    }
    if (position >= nodes.length) {
      warnings.push({
        field,
        message: `ce lab n’a ${nodes.length === 1 ? 'qu’une machine' : `que ${nodes.length} machines`} (dockyard.nodes) : ces fichiers ne sont copiés nulle part`,
      });
      continue;
    }
    assets.forEach((asset, i) => {
      unknownFields(asset, KNOWN_FIELDS.asset, `${field}.${i}`);
      if (isAssetPattern(asset.file)) {
        warnings.push({ field: `${field}.${i}.file`, message: `les motifs comme « ${asset.file} » ne sont pas pris en charge : nommez chaque fichier` });
      }
    });
  }
  return warnings;
}
