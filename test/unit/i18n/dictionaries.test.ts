import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '@/app/_i18n/dictionaries';
import { fr } from '@/app/_i18n/fr';
import { DEFAULT_LOCALE, LOCALES, toLocale } from '@/app/_i18n/locales';

type Entry = [path: string, value: unknown];

/** Every leaf of a dictionary with its dotted path (« lab.session.extend »). */
function leaves(value: unknown, path = ''): Entry[] {
  if (typeof value !== 'object' || value === null) return [[path, value]];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, path ? `${path}.${key}` : key));
}

/** Sample arguments by parameter name; anything else gets a number, which a string parameter also prints. */
const SAMPLE_ARGUMENTS: Record<string, unknown> = { nodes: ['node1', 'node2'], names: ['Ada Lovelace', 'Alan Turing'] };
const DEFAULT_SAMPLE = 7;

function parameterNames(fn: (...args: never[]) => unknown): string[] {
  const list = /^\(?([^)=]*)\)?\s*=>/.exec(fn.toString())?.[1] ?? '';
  return list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

describe('UI dictionaries', () => {
  it('give every locale the same keys as French', () => {
    const keys = leaves(fr).map(([path]) => path);
    for (const locale of LOCALES) expect(leaves(DICTIONARIES[locale]).map(([path]) => path)).toEqual(keys);
  });

  it.each(LOCALES)('hold no empty text in %s', (locale) => {
    const empty = leaves(DICTIONARIES[locale]).filter(([, value]) => typeof value === 'string' && value.trim() === '');
    expect(empty).toEqual([]);
  });

  it.each(LOCALES)('word every value they are given in %s', (locale) => {
    const functions = leaves(DICTIONARIES[locale]).filter(
      (entry): entry is [string, (...args: unknown[]) => unknown] => typeof entry[1] === 'function',
    );
    expect(functions.length).toBeGreaterThan(10);
    for (const [path, fn] of functions) {
      const names = parameterNames(fn);
      expect(names, path).toHaveLength(fn.length);
      const samples = names.map((name) => SAMPLE_ARGUMENTS[name] ?? DEFAULT_SAMPLE);
      const text = fn(...samples);
      expect(typeof text, path).toBe('string');
      expect(text, path).not.toMatch(/undefined|NaN|\[object/);
      // At least one value shows (a flag such as `passed` only chooses the words).
      const printed = samples.map((sample) => (Array.isArray(sample) ? String(sample.at(-1)) : String(sample)));
      expect(printed.some((sample) => (text as string).includes(sample)), `${path}: ${String(text)}`).toBe(true);
    }
  });

  it('falls back to French for a missing or unknown cookie', () => {
    expect(DEFAULT_LOCALE).toBe('fr');
    expect(toLocale(undefined)).toBe('fr');
    expect(toLocale('de')).toBe('fr');
    expect(toLocale('en')).toBe('en');
  });
});
