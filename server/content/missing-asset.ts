/**
 * An asset that index.json names but the lab does not ship. Scenarios copied from Killercoda
 * often have one; it is not worth refusing the whole lab for: the lab loads without the file
 * (it is not copied into the machine), and the loader and `content:check` both say so, with
 * these words.
 */
import type { LabWarning } from './killercoda-support';

/** `shownPath`: the file as the author finds it, relative to the content folder. */
export function missingAssetWarning(field: string, shownPath: string): LabWarning {
  return {
    field,
    message:
      `fichier introuvable, ${shownPath} : il ne sera pas copié dans la machine ; ` +
      'ajoutez-le au dossier assets/ du lab, ou retirez cette entrée de index.json',
  };
}
