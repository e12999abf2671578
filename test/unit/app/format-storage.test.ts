import { describe, expect, it } from 'vitest';
import { en } from '@/app/_i18n/en';
import { fr } from '@/app/_i18n/fr';
import { formatStorage } from '@/app/_lib/format-storage';

const NBSP = '\u00a0';
const french = (mib: number) => formatStorage(mib, fr.storage, fr.intlLocale).replace(NBSP, ' ');

describe('disk sizes of paused labs', () => {
  it('counts megabytes under a gigabyte, never a fraction of one', () => {
    expect(french(0)).toBe('0 Mo');
    expect(french(350)).toBe('350 Mo');
    // French groups thousands with a narrow no-break space.
    expect(french(1023)).toBe('1\u202f023 Mo');
  });

  it('counts gigabytes with one decimal at most, as French writes them', () => {
    expect(french(1024)).toBe('1 Go');
    expect(french(1229)).toBe('1,2 Go');
    expect(french(10 * 1024)).toBe('10 Go');
    expect(fr.lab.paused.storageUse(french(1229), french(10 * 1024))).toBe('Vos labs en pause : 1,2 Go sur 10 Go');
  });

  it('keeps the unit with its number, and speaks the reader’s language', () => {
    expect(formatStorage(1229, fr.storage, fr.intlLocale)).toBe(`1,2${NBSP}Go`);
    expect(formatStorage(1229, en.storage, en.intlLocale)).toBe(`1.2${NBSP}GB`);
  });
});
