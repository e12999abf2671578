/**
 * Disk sizes as students and operators read them: « 350 Mo » under a gibibyte, « 1,2 Go »
 * from there (one decimal at most), in the reader's language. The server counts in MiB.
 */
import type { Dictionary } from '../_i18n/fr';

const MIB_PER_GIB = 1024;

export function formatStorage(mib: number, words: Dictionary['storage'], intlLocale: string): string {
  if (mib < MIB_PER_GIB) return words.mebibytes(new Intl.NumberFormat(intlLocale).format(Math.ceil(Math.max(mib, 0))));
  const gib = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 1 }).format(mib / MIB_PER_GIB);
  return words.gibibytes(gib);
}
