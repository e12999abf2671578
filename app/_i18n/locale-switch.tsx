'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useDictionary, useLocale } from './locale-provider';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_S, LOCALES, type Locale } from './locales';
import styles from './locale-switch.module.css';

/**
 * « FR | EN » in the header: stores the choice in a cookie, then re-renders the server
 * components in place (no reload: a lab's terminal stays connected).
 */
export function LocaleSwitch() {
  const locale = useLocale();
  const { localeSwitch } = useDictionary();
  const router = useRouter();
  const [switching, startTransition] = useTransition();

  const choose = (next: Locale) => {
    if (next === locale) return;
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE_S}; samesite=lax`;
    startTransition(() => router.refresh());
  };

  return (
    <div className={styles.switch} role="group" aria-label={localeSwitch.label} aria-busy={switching}>
      {LOCALES.map((candidate) => (
        <button
          key={candidate}
          type="button"
          lang={candidate}
          className={styles.option}
          aria-pressed={candidate === locale}
          onClick={() => choose(candidate)}
        >
          {candidate.toUpperCase()}
          <span className="visually-hidden"> — {localeSwitch.names[candidate]}</span>
        </button>
      ))}
    </div>
  );
}
