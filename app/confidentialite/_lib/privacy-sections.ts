import type { Dictionary } from '../../_i18n/fr';

/** The operator's settings the note states (server/env.ts); 0 turns the feature off. */
export interface PrivacySettings {
  /** DOCKYARD_RECORDING_DAYS: 0, terminals are not recorded. */
  recordingDays: number;
  /** DOCKYARD_PAUSED_LAB_DAYS: 0, labs do not pause. */
  pausedLabDays: number;
}

export interface PrivacySection {
  /** The section's anchor: links may point at it (/confidentialite#enregistrement). */
  id: string;
  title: string;
  items: readonly string[];
}

/**
 * The note's sections, worded for this instance: what it keeps, who sees it, how long. A
 * feature the operator turned off is said to be off rather than given a duration of 0 days.
 */
export function privacySections({ privacy: words }: Dictionary, settings: PrivacySettings): PrivacySection[] {
  const recording = settings.recordingDays > 0;
  const { retention } = words;
  return [
    { id: 'compte', title: words.account.title, items: words.account.items },
    { id: 'travail', title: words.work.title, items: words.work.items },
    { id: 'enregistrement', title: words.recording.title, items: recording ? words.recording.items : [words.recording.off] },
    { id: 'plateforme-de-cours', title: words.lms.title, items: words.lms.items },
    { id: 'acces', title: words.access.title, items: words.access.items },
    {
      id: 'duree',
      title: retention.title,
      items: [
        retention.account,
        ...(recording ? [retention.recording(settings.recordingDays)] : []),
        settings.pausedLabDays > 0 ? retention.pausedLab(settings.pausedLabDays) : retention.noPause,
        retention.signIn,
        retention.backups,
      ],
    },
  ];
}
