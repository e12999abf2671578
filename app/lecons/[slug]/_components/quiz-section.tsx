'use client';

import type { QuizView } from '@/server/quizzes/quiz-view';
import { ErrorAlert } from '../../../_components/error-alert';
import { QUIZ_ANCHOR } from '../_lib/quiz-anchor';
import { useDictionary } from '../../../_i18n/locale-provider';
import { formatAttemptDate } from '../_lib/quiz-feedback';
import { useQuiz } from '../_lib/use-quiz';
import { QuizQuestion } from './quiz-question';
import { QuizScore } from './quiz-score';
import styles from './quiz-section.module.css';

/** The lesson's quiz: answer, « Valider mes réponses », read the server's correction, « Recommencer ». */
export function QuizSection({ quiz }: { quiz: QuizView }) {
  const { selections, result, submitting, lastScore, unanswered, alert, toggle, submit, restart, dismissAlert } =
    useQuiz(quiz);
  const dictionary = useDictionary();
  const words = dictionary.quiz;

  const handleRestart = () => {
    restart();
    document.getElementById(QUIZ_ANCHOR)?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };

  return (
    <section id={QUIZ_ANCHOR} className={styles.quiz} aria-labelledby="quiz-titre" data-testid="quiz">
      <header className={styles.header}>
        <p className={styles.eyebrow}>{words.eyebrow(quiz.questions.length)}</p>
        <h2 id="quiz-titre">{quiz.title}</h2>
        <p className={styles.intro}>{words.intro}</p>
        {lastScore && !result && (
          <p className={styles.lastScore} data-testid="quiz-last-score">
            {words.lastScore}{' '}
            <strong>
              {lastScore.score} / {lastScore.maxScore}
            </strong>{' '}
            ({formatAttemptDate(lastScore.createdAt, dictionary)})
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
            {words.restart}
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
              {submitting ? words.submitting : words.submit}
            </button>
            {unanswered > 0 && (
              <p className={styles.hint}>{words.unanswered(unanswered)}</p>
            )}
          </>
        )}
      </div>
    </section>
  );
}
