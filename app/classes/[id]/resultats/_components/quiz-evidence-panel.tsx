'use client';

import { useCallback } from 'react';
import type { QuizAttemptView, QuizQuestionView } from '@/server/progress/progress-views';
import { LocalDate } from '../../../../_components/local-date';
import { MarkdownHtml } from '../../../../_components/markdown-html';
import { resultsApi } from '../_lib/results-api';
import { useEvidence } from '../_lib/use-evidence';
import styles from '../results.module.css';
import { EvidencePanel } from './evidence-panel';
import type { SelectedCell } from './results-dashboard';

/** One student's answers to one quiz: every attempt, newest first, each question with what they ticked and what was right. */
export function QuizEvidencePanel({ classId, selected, refreshedAt, onClose }: { classId: string; selected: SelectedCell; refreshedAt: string; onClose(): void }) {
  const load = useCallback(() => resultsApi.quizEvidence(classId, selected.userId, selected.slug).then(({ evidence }) => evidence), [classId, selected]);
  const { evidence, error } = useEvidence(load, refreshedAt);

  return (
    <EvidencePanel selected={selected} error={error} onClose={onClose} testId="quiz-evidence">
      {evidence &&
        (evidence.progress === null ? (
          <p className="empty-state">Pas encore de réponse à ce quiz.</p>
        ) : (
          <>
            <p className="panel-lead">
              Meilleur score : {evidence.progress.score}/{evidence.progress.maxScore} · {evidence.progress.attempts} essai(s)
            </p>
            {[...evidence.attempts].reverse().map((attempt, index) => (
              <details key={attempt.at} className={styles.attempt} open={index === 0}>
                <summary>
                  Essai du <LocalDate iso={attempt.at} /> — {attempt.score}/{attempt.maxScore}
                </summary>
                <AttemptAnswers attempt={attempt} questions={evidence.questions} />
              </details>
            ))}
          </>
        ))}
    </EvidencePanel>
  );
}

const MARKS = {
  right: { sign: '✓', label: 'cochée, juste' },
  wrong: { sign: '✗', label: 'cochée, fausse' },
  missed: { sign: '○', label: 'juste, non cochée' },
} as const;

function AttemptAnswers({ attempt, questions }: { attempt: QuizAttemptView; questions: QuizQuestionView[] }) {
  if (questions.length === 0) return <p className="empty-state">Ce quiz n’est plus dans le cours : seules les notes restent.</p>;
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
                    <span className={styles.mark} aria-hidden="true">{mark ? MARKS[mark].sign : ''}</span>
                    <span dangerouslySetInnerHTML={{ __html: choice.html }} />
                    {mark && <span className={styles.muted}> ({MARKS[mark].label})</span>}
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
