import type { Metadata } from 'next';
import { getServices } from '@/server/services';
import { PageHeading } from '../_components/page-heading';
import { serverDictionary } from '../_i18n/server-locale';
import { privacySections } from './_lib/privacy-sections';
import styles from './privacy.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverDictionary()).privacy.metaTitle };
}

/**
 * What this instance keeps about a student, who sees it and how long. The durations are read
 * from the server's settings at each request, so that the note never says other than what the
 * reaper does.
 */
export default async function PrivacyPage() {
  const dictionary = await serverDictionary();
  const { privacy: words } = dictionary;
  const { recordings, sessions } = getServices();
  const sections = privacySections(dictionary, { recordingDays: recordings.keepDays, pausedLabDays: sessions.pauses.keepDays });
  return (
    <div className={`container ${styles.page}`}>
      <PageHeading eyebrow={words.eyebrow} title={words.title} lead={words.lead} />
      {sections.map((section) => (
        <section key={section.id} className="panel" aria-labelledby={section.id} data-testid={`privacy-${section.id}`}>
          <h2 id={section.id}>{section.title}</h2>
          <ul className={styles.list}>
            {section.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      ))}
      <section className="panel" aria-labelledby="contact">
        <h2 id="contact">{words.contact.title}</h2>
        <p className={styles.contact}>{words.contact.text}</p>
      </section>
    </div>
  );
}
