/**
 * The UI's languages. The course itself (content/) stays French; only Dockyard's own words
 * change. French is the default: a visitor without the cookie, or with an unknown value, gets it.
 */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'fr';

/** Set by the header's switch (locale-switch.tsx), read on every request (server-locale.ts). */
export const LOCALE_COOKIE = 'dockyard-locale';

/** A year: the choice is a preference, not a session. */
export const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

export function toLocale(value: string | undefined): Locale {
  return LOCALES.find((locale) => locale === value) ?? DEFAULT_LOCALE;
}
