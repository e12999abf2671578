import { getServices } from '@/server/services';
import { LocalDate } from '../../../_components/local-date';
import { serverDictionary } from '../../../_i18n/server-locale';
import { pageCaller } from '../../../_lib/page-caller';
import { LtiRosterButton } from './lti-roster-button';

/**
 * For a class that came from an LMS course (LTI): the scores on their way to its gradebook —
 * sent, or waiting with the platform's last answer and the next try — and the roster button.
 * Nothing for a class made in Dockyard.
 */
export async function LtiScoresPanel({ classId }: { classId: string }) {
  const { lti } = getServices();
  const { user } = await pageCaller();
  const course = await lti.courseOf(classId);
  if (!user || !course) return null;
  const scores = await lti.grades.classStatus(user, classId);
  const words = (await serverDictionary()).classes.lti;
  return (
    <section className="panel" aria-labelledby="notes-lms" data-testid="lti-scores">
      <h2 id="notes-lms">{words.title}</h2>
      <p className="panel-lead">{words.lead}</p>
      {course.rosterShared && <LtiRosterButton classId={classId} />}
      {scores.length === 0 ? (
        <p className="empty-state">{words.none}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{words.columns.student}</th>
              <th scope="col">{words.columns.lab}</th>
              <th scope="col">{words.columns.score}</th>
              <th scope="col">{words.columns.delivery}</th>
            </tr>
          </thead>
          <tbody>
            {scores.map((score) => (
              <tr key={`${score.student}/${score.lab}/${score.nextTryAt}`}>
                <td>{score.student}</td>
                <td>{score.lab}</td>
                <td>
                  {score.scoreGiven}/{score.scoreMaximum}
                </td>
                <td>
                  {score.status === 'sent' && score.sentAt ? (
                    <>
                      {words.sentOn} <LocalDate iso={score.sentAt} format="dateTime" />
                    </>
                  ) : score.tries === 0 ? (
                    words.sending
                  ) : (
                    <>
                      {words.waitingRetry(score.tries)} <LocalDate iso={score.nextTryAt} format="dateTime" />
                      {words.waitingError(score.lastError ?? '')}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
