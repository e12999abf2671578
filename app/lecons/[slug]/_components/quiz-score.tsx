import { useEffect, useRef } from 'react';
import type { QuizResultView } from '@/server/quizzes/quiz-view';
import { useDictionary } from '../../../_i18n/locale-provider';
import { scoreLevel, type ScoreLevel } from '../_lib/quiz-feedback';
import styles from './quiz-score.module.css';

const LEVEL_CLASS: Record<ScoreLevel, string | undefined> = {
  perfect: styles.perfect,
  good: styles.good,
  low: styles.low,
};

/** The score of the quiz just submitted, brought into view: the corrections follow below it. */
export function QuizScore({ result }: { result: QuizResultView }) {
  const { quiz } = useDictionary();
  const ref = useRef<HTMLDivElement>(null);
  const level = scoreLevel(result.score, result.maxScore);
  const missed = result.maxScore - result.score;

  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [result]);

  return (
    <div ref={ref} role="status" data-testid="quiz-score" className={`${styles.score} ${LEVEL_CLASS[level]}`}>
      <p className={styles.figure}>
        <span className={styles.label}>{quiz.yourScore}</span>
        <strong>
          {result.score} / {result.maxScore}
        </strong>
      </p>
      <div>
        <p className={styles.advice}>{quiz.advice[level]}</p>
        {missed > 0 && (
          <p className={styles.detail}>
            {quiz.toReview(missed)}
          </p>
        )}
      </div>
    </div>
  );
}
