import { describe, expect, it } from 'vitest';
import { en } from '@/app/_i18n/en';
import { fr } from '@/app/_i18n/fr';
import { calendarDaysBetween, formatDay, formatMoment } from '@/app/_lib/format-moment';

// Local dates: the wording goes by the reader's calendar day, whatever the zone the tests run in.
const now = new Date(2027, 2, 12, 9, 30); // Friday 12 March 2027, 09:30
const at = (day: number, hour: number, minute: number, month = 2, year = 2027) => new Date(year, month, day, hour, minute);
const moment = (date: Date) => formatMoment(date, now, fr.dates, fr.intlLocale);

describe('when a paused lab was paused, and until when it is kept', () => {
  it('counts calendar days, not 24-hour spans', () => {
    expect(calendarDaysBetween(now, at(12, 0, 1))).toBe(0);
    expect(calendarDaysBetween(now, at(11, 23, 59))).toBe(-1);
    expect(calendarDaysBetween(now, at(13, 0, 0))).toBe(1);
    expect(calendarDaysBetween(now, at(1, 12, 0, 3))).toBe(20);
  });

  it('says today, yesterday and tomorrow with the time', () => {
    expect(moment(at(12, 8, 5))).toBe('aujourd’hui à 08:05');
    expect(moment(at(11, 23, 59))).toBe('hier à 23:59');
    expect(moment(at(13, 14, 5))).toBe('demain à 14:05');
  });

  it('names the day further away, with the year only when it is another', () => {
    expect(moment(at(9, 14, 5))).toBe('le mardi 9 mars à 14:05');
    expect(moment(at(26, 14, 5))).toBe('le vendredi 26 mars à 14:05');
    expect(moment(at(28, 10, 0, 11, 2026))).toBe('le lundi 28 décembre 2026 à 10:00');
  });

  it('writes the first of the month as French does', () => {
    expect(formatDay(at(1, 10, 0, 3), now, fr.dates, fr.intlLocale)).toBe('jeudi 1er avril');
    expect(fr.lab.paused.keptUntil(formatDay(at(26, 10, 0), now, fr.dates, fr.intlLocale))).toMatch(/^Gardé jusqu’au vendredi 26 mars :/);
  });

  it('speaks the reader’s language', () => {
    expect(formatMoment(at(11, 18, 0), now, en.dates, en.intlLocale)).toBe('yesterday at 18:00');
    expect(formatDay(at(1, 10, 0, 3), now, en.dates, en.intlLocale)).toBe('Thursday 1 April');
  });
});
