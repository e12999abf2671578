'use client';

import { useCallback } from 'react';
import type { QuizAttemptView, QuizQuestionView } from '@/server/progress/progress-views';
import { LocalDate } from '../../../../_components/local-date';
import { MarkdownHtml } from '../../../../_components/markdown-html';
import { useDictionary } from '../../../../_i18n/locale-provider';
import { resultsApi } from '../_lib/results-api';
import { useEvidence } from '../_lib/use-evidence';
import styles from '../results.module.css';
import { EvidencePanel } from './evidence-panel';
import type { SelectedCell } from './results-dashboard';

/** One student's answers to one quiz: every attempt, newest first, each question with what they ticked and what was right. */
export function QuizEvidencePanel({ classId, selected, refreshedAt, onClose }: { classId: string; selected: SelectedCell; refreshedAt: string; onClose(): void }) {
  const load = useCallback(() => resultsApi.quizEvidence(classId, selected.userId, selected.slug).then(({ evidence }) => evidence), [classId, selected]);
  const { evidence, error } = useEvidence(load, refreshedAt);
  const words = useDictionary().results.quiz;

  return (
    <EvidencePanel selected={selected} error={error} onClose={onClose} testId="quiz-evidence">
      {evidence &&
        (evidence.progress === null ? (
          <p className="empty-state">{words.noAnswer}</p>
        ) : (
          <>
            <p className="panel-lead">
              {words.bestScore(evidence.progress.score, evidence.progress.maxScore, evidence.progress.attempts)}
            </p>
            {[...evidence.attempts].reverse().map((attempt, index) => (
              <details key={attempt.at} className={styles.attempt} open={index === 0}>
                <summary>
                  {words.attemptOf} <LocalDate iso={attempt.at} /> — {attempt.score}/{attempt.maxScore}
                </summary>
                <AttemptAnswers attempt={attempt} questions={evidence.questions} />
              </details>
            ))}
          </>
        ))}
    </EvidencePanel>
  );
}

const MARK_SIGNS = { right: '✓', wrong: '✗', missed: '○' } as const;

function AttemptAnswers({ attempt, questions }: { attempt: QuizAttemptView; questions: QuizQuestionView[] }) {
  const words = useDictionary().results.quiz;
  if (questions.length === 0) return <p className="empty-state">{words.removed}</p>;
  return (
    <ol className={styles.questions}>
      {questions.map((question) => {
        const ticked = attempt.answers[question.id] ?? [];
        return (
          <li key={question.id}>
            <MarkdownHtml html={question.promptHtml} />
            <ul className={styles.choices}>
              {question.choices.map((choice) => {
                const mark = ticked.includes(choice.id) ? (choice.correct ? 'right' : 'wrong') : choice.correct ? 'missed' : null;
                return (
                  <li key={choice.id} className={mark ? styles[mark] : undefined}>
                    <span className={styles.mark} aria-hidden="true">{mark ? MARK_SIGNS[mark] : ''}</span>
                    <span dangerouslySetInnerHTML={{ __html: choice.html }} />
                    {mark && <span className={styles.muted}> ({words.marks[mark]})</span>}
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}
