'use client';

/**
 * The reader's language in client components. The root layout passes the locale (a string:
 * the dictionaries hold functions, which cannot cross from server to client); a switch
 * refreshes the layout, which passes the new one.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { DICTIONARIES } from './dictionaries';
import type { Dictionary } from './fr';
import { DEFAULT_LOCALE, type Locale } from './locales';

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useDictionary(): Dictionary {
  return DICTIONARIES[useLocale()];
}
