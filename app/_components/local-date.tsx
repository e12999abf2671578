'use client';

/**
 * A date in the reader's own time zone and language (« ven. 12 mars 2027 à 18:00 »).
 * The server renders it in its zone first; the browser's rendering replaces it on load.
 */
import { useDictionary } from '../_i18n/locale-provider';

const FORMATS = {
  dateTime: { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  date: { day: 'numeric', month: 'long', year: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export function LocalDate({ iso, format = 'dateTime' }: { iso: string; format?: keyof typeof FORMATS }) {
  const { intlLocale } = useDictionary();
  const text = new Intl.DateTimeFormat(intlLocale, FORMATS[format]).format(new Date(iso));
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {text}
    </time>
  );
}
