import Link from 'next/link';
import type { AssignableItem } from '@/server/classes/assignable-content';
import type { ManagedClassView } from '@/server/classes/class-views';
import type { GraderTokenView } from '@/server/grader/grader-tokens';
import { formatJoinCode } from '@/server/classes/join-code';
import { LocalDate } from '../../../_components/local-date';
import { PageHeading } from '../../../_components/page-heading';
import { serverDictionary } from '../../../_i18n/server-locale';
import { ClassActionButton } from '../../_components/class-action-button';
import styles from '../class-page.module.css';
import { AssignForm } from './assign-form';
import { AssignmentsTable } from './assignments-table';
import { GraderTokensPanel } from './grader-tokens-panel';
import { JoinCodePanel } from './join-code-panel';
import { LtiScoresPanel } from './lti-scores-panel';
import { RosterTable } from './roster-table';

/** The instructor's page of a class: its code and link, its assignments, its roster, its grader tokens. */
export async function ManagedClass({ managed, assignable, tokens }: { managed: ManagedClassView; assignable: AssignableItem[]; tokens: GraderTokenView[] }) {
  const classId = managed.id;
  const { classes: words } = await serverDictionary();
  return (
    <div className={`container ${styles.page}`}>
      <p className={styles.back}>
        <Link href="/classes">{words.backToClasses}</Link>
      </p>
      <PageHeading
        eyebrow={words.eyebrow}
        title={managed.name}
        lead={
          <>
            {words.instructor(managed.instructor.name)} · {words.createdOn} <LocalDate iso={managed.createdAt} format="date" />
          </>
        }
        actions={
          <>
            <Link className="button button--primary" href={`/classes/${classId}/resultats`}>
              {words.results}
            </Link>
            <ClassActionButton
              action={{ kind: 'delete-class', classId }}
              label={words.deleteClass}
              variant="danger"
              confirm={words.confirmDelete(managed.name)}
              thenGoTo="/classes"
            />
          </>
        }
      />

      <div className={styles.grid}>
        <div className={styles.column}>
          <section className="panel" aria-labelledby="devoirs">
            <h2 id="devoirs">{words.assignmentsTitle}</h2>
            <p className="panel-lead">{words.managedAssignmentsLead}</p>
            <AssignForm classId={classId} assignable={assignable} />
            <AssignmentsTable classId={classId} assignments={managed.assignments} />
          </section>

          <section className="panel" aria-labelledby="etudiants">
            <h2 id="etudiants">{words.studentsTitle(managed.members.length)}</h2>
            <p className="panel-lead">{words.studentsLead}</p>
            <RosterTable classId={classId} members={managed.members} />
          </section>

          <GraderTokensPanel classId={classId} tokens={tokens} />

          <LtiScoresPanel classId={classId} />
        </div>

        <JoinCodePanel classId={classId} code={managed.joinCode} formattedCode={formatJoinCode(managed.joinCode)} />
      </div>
    </div>
  );
}
