/** The reader's language in server components: the header switch's cookie, French without it. */
import 'server-only';
import { cookies } from 'next/headers';
import { DICTIONARIES } from './dictionaries';
import type { Dictionary } from './fr';
import { LOCALE_COOKIE, toLocale, type Locale } from './locales';

export async function requestLocale(): Promise<Locale> {
  return toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}

export async function serverDictionary(): Promise<Dictionary> {
  return DICTIONARIES[await requestLocale()];
}
