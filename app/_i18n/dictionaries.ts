import { en } from './en';
import { fr, type Dictionary } from './fr';
import type { Locale } from './locales';

/** Both are small: the browser gets both, so that switching needs no extra request. */
export const DICTIONARIES: Record<Locale, Dictionary> = { fr, en };
