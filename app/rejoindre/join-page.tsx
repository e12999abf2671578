import 'server-only';
import { JoinClassForm } from '../classes/_components/join-class-form';
import { PageHeading } from '../_components/page-heading';
import styles from './join-page.module.css';

/** « Rejoindre une classe », empty or filled from a join link: the student confirms by pressing the button. */
export function JoinPage({ code }: { code?: string }) {
  return (
    <div className={`container ${styles.page}`}>
      <PageHeading
        eyebrow="Classe"
        title="Rejoindre une classe"
        lead={
          code
            ? 'Votre enseignant vous a envoyé ce lien : vérifiez le code, puis rejoignez la classe.'
            : 'Saisissez le code que votre enseignant vous a donné : 8 caractères, comme ABCD-EFGH.'
        }
      />
      <section className="panel">
        <JoinClassForm initialCode={code} />
      </section>
    </div>
  );
}
