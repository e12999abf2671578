import 'server-only';
import { JoinClassForm } from '../classes/_components/join-class-form';
import { PageHeading } from '../_components/page-heading';
import { serverDictionary } from '../_i18n/server-locale';
import styles from './join-page.module.css';

/** « Rejoindre une classe », empty or filled from a join link: the student confirms by pressing the button. */
export async function JoinPage({ code }: { code?: string }) {
  const { classes: words } = await serverDictionary();
  return (
    <div className={`container ${styles.page}`}>
      <PageHeading
        eyebrow={words.eyebrow}
        title={words.joinTitle}
        lead={
          code ? words.joinLinkLead : words.joinCodeLead
        }
      />
      <section className="panel">
        <JoinClassForm initialCode={code} />
      </section>
    </div>
  );
}
