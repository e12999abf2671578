'use client';

import { useDictionary } from '../_i18n/locale-provider';
import { formatDay, formatMoment } from './format-moment';

/**
 * Dates from the server (ISO) worded for the reader: `moment` « hier à 14:05 », `day`
 * « mardi 26 mars ». Read against the browser's clock at render: the words change by the day.
 */
export function useMomentWords() {
  const { dates, intlLocale } = useDictionary();
  const now = new Date();
  return {
    moment: (iso: string) => formatMoment(new Date(iso), now, dates, intlLocale),
    day: (iso: string) => formatDay(new Date(iso), now, dates, intlLocale),
  };
}
