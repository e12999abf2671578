import Link from 'next/link';
import type { JoinedClassView } from '@/server/classes/class-views';
import { PageHeading } from '../../../_components/page-heading';
import { AssignmentList } from '../../_components/assignment-list';
import { ClassActionButton } from '../../_components/class-action-button';
import styles from '../class-page.module.css';

/** A student's view of a class they joined: what to do, by when. */
export function JoinedClass({ joined }: { joined: JoinedClassView }) {
  return (
    <div className={`container ${styles.page}`}>
      <p className={styles.back}>
        <Link href="/classes">← Mes classes</Link>
      </p>
      <PageHeading
        eyebrow="Classe"
        title={joined.name}
        lead={`Enseignant : ${joined.instructorName}`}
        actions={
          <ClassActionButton
            action={{ kind: 'leave-class', classId: joined.id }}
            label="Quitter la classe"
            confirm={`Quitter « ${joined.name} » ? Pour revenir, il vous faudra de nouveau son code.`}
            thenGoTo="/classes"
          />
        }
      />
      <section className="panel" aria-labelledby="devoirs">
        <h2 id="devoirs">Devoirs</h2>
        <p className="panel-lead">Ouvrez un devoir pour le faire ; les labs démarrent depuis leur page.</p>
        <AssignmentList assignments={joined.assignments} />
      </section>
    </div>
  );
}
