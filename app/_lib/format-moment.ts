/**
 * How a moment reads beside « En pause depuis », « sera supprimé », « Gardé jusqu’au »: by
 * calendar day in the reader's own time zone (« hier à 14:05 », « le mardi 12 mars à
 * 14:05 »), in their language. Pure: `now` is passed, so tests need no clock.
 */
import type { Dictionary } from '../_i18n/fr';

type DateWords = Dictionary['dates'];

const DAY_MS = 86_400_000;

/** Days from `now`'s calendar day to `date`'s, in the local zone (−1: yesterday). */
export function calendarDaysBetween(now: Date, date: Date): number {
  const day = (value: Date) => Date.UTC(value.getFullYear(), value.getMonth(), value.getDate()) / DAY_MS;
  return day(date) - day(now);
}

/** « mardi 12 mars » (« 1er » in French), with the year only when it is not this one. */
export function formatDay(date: Date, now: Date, words: DateWords, intlLocale: string): string {
  const format = new Intl.DateTimeFormat(intlLocale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
  return format
    .formatToParts(date)
    .map((part) => (part.type === 'day' && part.value === '1' ? words.firstOfMonth : part.value))
    .join('');
}

/** « aujourd’hui à 14:05 », « hier à 14:05 », « demain à 14:05 », else « le mardi 12 mars à 14:05 ». */
export function formatMoment(date: Date, now: Date, words: DateWords, intlLocale: string): string {
  const time = new Intl.DateTimeFormat(intlLocale, { hour: '2-digit', minute: '2-digit' }).format(date);
  switch (calendarDaysBetween(now, date)) {
    case 0:
      return words.today(time);
    case -1:
      return words.yesterday(time);
    case 1:
      return words.tomorrow(time);
    default:
      return words.onDay(formatDay(date, now, words, intlLocale), time);
  }
}
