import { fr, type Dictionary } from '../../../../_i18n/fr';

/** « 1 h 05 min », « 12 min », « moins d’une minute »: time spent, as a teacher reads it. */
export function formatDuration(ms: number, words: Dictionary['results']['duration'] = fr.results.duration): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return words.underAMinute;
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes} min`;
  return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
}
