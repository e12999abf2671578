import Link from 'next/link';
import type { JoinedClassView } from '@/server/classes/class-views';
import { PageHeading } from '../../../_components/page-heading';
import { serverDictionary } from '../../../_i18n/server-locale';
import { AssignmentList } from '../../_components/assignment-list';
import { ClassActionButton } from '../../_components/class-action-button';
import styles from '../class-page.module.css';

/** A student's view of a class they joined: what to do, by when. */
export async function JoinedClass({ joined }: { joined: JoinedClassView }) {
  const { classes: words } = await serverDictionary();
  return (
    <div className={`container ${styles.page}`}>
      <p className={styles.back}>
        <Link href="/classes">{words.backToClasses}</Link>
      </p>
      <PageHeading
        eyebrow={words.eyebrow}
        title={joined.name}
        lead={words.instructor(joined.instructorName)}
        actions={
          <ClassActionButton
            action={{ kind: 'leave-class', classId: joined.id }}
            label={words.leave}
            confirm={words.confirmLeave(joined.name)}
            thenGoTo="/classes"
          />
        }
      />
      <section className="panel" aria-labelledby="devoirs">
        <h2 id="devoirs">{words.assignmentsTitle}</h2>
        <p className="panel-lead">{words.joinedAssignmentsLead}</p>
        <AssignmentList assignments={joined.assignments} />
      </section>
    </div>
  );
}
