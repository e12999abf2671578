import { describe, expect, it } from 'vitest';
import { privacySections } from '@/app/confidentialite/_lib/privacy-sections';
import { en } from '@/app/_i18n/en';
import { fr } from '@/app/_i18n/fr';

const itemsOf = (sections: ReturnType<typeof privacySections>, id: string) => sections.find((section) => section.id === id)?.items ?? [];

describe('the privacy note', () => {
  it('states the operator’s keeping times', () => {
    const sections = privacySections(fr, { recordingDays: 30, pausedLabDays: 14 });
    expect(itemsOf(sections, 'duree')).toEqual(expect.arrayContaining([expect.stringContaining('30 jours après votre dernière activité'), expect.stringContaining('14 jours après sa mise en pause')]));
    expect(itemsOf(sections, 'enregistrement')).toEqual(fr.privacy.recording.items);
  });

  it('says a feature turned off (0 days) is off, rather than kept 0 days', () => {
    const sections = privacySections(en, { recordingDays: 0, pausedLabDays: 0 });
    expect(itemsOf(sections, 'enregistrement')).toEqual([en.privacy.recording.off]);
    expect(itemsOf(sections, 'duree')).toContain(en.privacy.retention.noPause);
    expect(itemsOf(sections, 'duree').join(' ')).not.toMatch(/\b0 days/);
  });

  it('gives every section a distinct anchor and at least one item', () => {
    const sections = privacySections(fr, { recordingDays: 30, pausedLabDays: 14 });
    expect(new Set(sections.map((section) => section.id)).size).toBe(sections.length);
    for (const section of sections) expect(section.items.length, section.id).toBeGreaterThan(0);
  });
});
