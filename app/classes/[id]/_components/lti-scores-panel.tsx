import { getServices } from '@/server/services';
import { LocalDate } from '../../../_components/local-date';
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
  return (
    <section className="panel" aria-labelledby="notes-lms" data-testid="lti-scores">
      <h2 id="notes-lms">Notes envoyées à la plateforme de cours</h2>
      <p className="panel-lead">
        Après chaque vérification et à la fin d’un lab, Dockyard envoie la note de l’étudiant au carnet de notes du cours. Une note refusée est renvoyée
        plus tard, jusqu’à ce que la plateforme l’accepte.
      </p>
      {course.rosterShared && <LtiRosterButton classId={classId} />}
      {scores.length === 0 ? (
        <p className="empty-state">Aucune note pour l’instant : elles apparaissent dès qu’un étudiant lancé depuis le cours vérifie une étape.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Étudiant</th>
              <th scope="col">Lab</th>
              <th scope="col">Note</th>
              <th scope="col">Envoi</th>
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
                      Envoyée le <LocalDate iso={score.sentAt} format="dateTime" />
                    </>
                  ) : score.tries === 0 ? (
                    'En cours d’envoi'
                  ) : (
                    <>
                      En attente ({score.tries} essai(s), prochain le <LocalDate iso={score.nextTryAt} format="dateTime" />) : {score.lastError}
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
