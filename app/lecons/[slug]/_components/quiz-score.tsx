import { useEffect, useRef } from 'react';
import type { QuizResultView } from '@/server/quizzes/quiz-view';
import { countOf, SCORE_ADVICE, scoreLevel, type ScoreLevel } from '../_lib/quiz-feedback';
import styles from './quiz-score.module.css';

const LEVEL_CLASS: Record<ScoreLevel, string | undefined> = {
  perfect: styles.perfect,
  good: styles.good,
  low: styles.low,
};

/** The score of the quiz just submitted, brought into view: the corrections follow below it. */
export function QuizScore({ result }: { result: QuizResultView }) {
  const ref = useRef<HTMLDivElement>(null);
  const level = scoreLevel(result.score, result.maxScore);
  const missed = result.maxScore - result.score;

  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [result]);

  return (
    <div ref={ref} role="status" data-testid="quiz-score" className={`${styles.score} ${LEVEL_CLASS[level]}`}>
      <p className={styles.figure}>
        <span className={styles.label}>Votre score</span>
        <strong>
          {result.score} / {result.maxScore}
        </strong>
      </p>
      <div>
        <p className={styles.advice}>{SCORE_ADVICE[level]}</p>
        {missed > 0 && (
          <p className={styles.detail}>
            {countOf(missed, 'question')} à revoir : la correction et les explications sont sous chaque question.
          </p>
        )}
      </div>
    </div>
  );
}
