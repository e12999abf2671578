'use client';

import type { QuizView } from '@/server/quizzes/quiz-view';
import { ErrorAlert } from '../../../_components/error-alert';
import { QUIZ_ANCHOR } from '../_lib/quiz-anchor';
import { countOf, formatAttemptDate } from '../_lib/quiz-feedback';
import { useQuiz } from '../_lib/use-quiz';
import { QuizQuestion } from './quiz-question';
import { QuizScore } from './quiz-score';
import styles from './quiz-section.module.css';

/** The lesson's quiz: answer, « Valider mes réponses », read the server's correction, « Recommencer ». */
export function QuizSection({ quiz }: { quiz: QuizView }) {
  const { selections, result, submitting, lastScore, unanswered, alert, toggle, submit, restart, dismissAlert } =
    useQuiz(quiz);

  const handleRestart = () => {
    restart();
    document.getElementById(QUIZ_ANCHOR)?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };

  return (
    <section id={QUIZ_ANCHOR} className={styles.quiz} aria-labelledby="quiz-titre" data-testid="quiz">
      <header className={styles.header}>
        <p className={styles.eyebrow}>Quiz · {countOf(quiz.questions.length, 'question')}</p>
        <h2 id="quiz-titre">{quiz.title}</h2>
        <p className={styles.intro}>
          Vérifiez ce que vous avez retenu. Une fois vos réponses validées, chaque question est corrigée et
          expliquée.
        </p>
        {lastScore && !result && (
          <p className={styles.lastScore} data-testid="quiz-last-score">
            Votre dernier score :{' '}
            <strong>
              {lastScore.score} / {lastScore.maxScore}
            </strong>{' '}
            ({formatAttemptDate(lastScore.createdAt)})
          </p>
        )}
      </header>

      {result && <QuizScore result={result} />}

      <ol className={styles.questions}>
        {quiz.questions.map((question, index) => (
          <li key={question.id}>
            <QuizQuestion
              question={question}
              number={index + 1}
              selected={selections[question.id] ?? []}
              result={result?.questions.find((corrected) => corrected.id === question.id)}
              onToggle={(choiceId) => toggle(question.id, choiceId, question.multiple)}
            />
          </li>
        ))}
      </ol>

      {alert && (
        <div className={styles.alert}>
          <ErrorAlert alert={alert} onDismiss={dismissAlert} />
        </div>
      )}

      <div className={styles.actions}>
        {result ? (
          <button type="button" className="button button--secondary" onClick={handleRestart}>
            Recommencer
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button button--primary"
              onClick={() => void submit()}
              disabled={unanswered > 0 || submitting}
            >
              {submitting && <span className="spinner" aria-hidden="true" />}
              {submitting ? 'Correction…' : 'Valider mes réponses'}
            </button>
            {unanswered > 0 && (
              <p className={styles.hint}>
                Encore {countOf(unanswered, 'question')} sans réponse.
              </p>
            )}
          </>
        )}
      </div>
    </section>
  );
}
