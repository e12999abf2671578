import { useCallback, useEffect, useState } from 'react';
import type { QuizAnswers, QuizResultView, QuizScoreView, QuizView } from '@/server/quizzes/quiz-view';
import { alertFromError, type AlertMessage } from '../../../_components/error-alert';
import { useDictionary } from '../../../_i18n/locale-provider';
import { quizApi } from './quiz-api';

/**
 * A quiz on the lesson page: the student's ticks, the server's correction once submitted,
 * and their last recorded score (fetched after load: lesson pages render the same for
 * everyone, the score is per browser).
 */
export function useQuiz(quiz: QuizView) {
  const { errors } = useDictionary();
  const [selections, setSelections] = useState<QuizAnswers>({});
  const [result, setResult] = useState<QuizResultView | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [lastScore, setLastScore] = useState<QuizScoreView | null>(null);
  const [alert, setAlert] = useState<AlertMessage | null>(null);

  useEffect(() => {
    let current = true;
    quizApi.findLastScore(quiz.slug).then(
      ({ attempt }) => current && setLastScore(attempt),
      // Only a reminder: the quiz works without it, so a failure here is not worth an alert.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [quiz.slug]);

  const toggle = useCallback((questionId: string, choiceId: string, multiple: boolean) => {
    setSelections((previous) => {
      const ticked = previous[questionId] ?? [];
      if (!multiple) return { ...previous, [questionId]: [choiceId] };
      const next = ticked.includes(choiceId) ? ticked.filter((id) => id !== choiceId) : [...ticked, choiceId];
      return { ...previous, [questionId]: next };
    });
  }, []);

  const unanswered = quiz.questions.filter((question) => !selections[question.id]?.length).length;

  const submit = useCallback(async () => {
    setSubmitting(true);
    setAlert(null);
    try {
      const { result: corrected } = await quizApi.submit(quiz.slug, selections);
      setResult(corrected);
      setLastScore(corrected);
    } catch (error) {
      setAlert(alertFromError(error, errors));
    } finally {
      setSubmitting(false);
    }
  }, [quiz.slug, selections, errors]);

  const restart = useCallback(() => {
    setSelections({});
    setResult(null);
    setAlert(null);
  }, []);

  return {
    selections,
    result,
    submitting,
    lastScore,
    unanswered,
    alert,
    toggle,
    submit,
    restart,
    dismissAlert: () => setAlert(null),
  };
}
