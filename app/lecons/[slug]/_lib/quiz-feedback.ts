/** How the lesson page words a quiz's results (pure, so it is tested without a browser). */
import type { QuestionResultView } from '@/server/quizzes/quiz-view';
import type { Dictionary } from '../../../_i18n/fr';

export type ScoreLevel = 'perfect' | 'good' | 'low';

/** Half the points or more is « good »: enough to move on after reading the explanations. */
export function scoreLevel(score: number, maxScore: number): ScoreLevel {
  if (score === maxScore) return 'perfect';
  return score * 2 >= maxScore ? 'good' : 'low';
}

/** What one choice shows once corrected: the student's pick, right or wrong, or the right answer they missed. */
export type ChoiceVerdict = 'chosen-right' | 'chosen-wrong' | 'missed' | 'neutral';

export function choiceVerdict(choiceId: string, result: Pick<QuestionResultView, 'selected' | 'answer'>): ChoiceVerdict {
  const chosen = result.selected.includes(choiceId);
  const right = result.answer.includes(choiceId);
  if (chosen) return right ? 'chosen-right' : 'chosen-wrong';
  return right ? 'missed' : 'neutral';
}

/** The tag beside a corrected choice; none beside a choice nobody had to tick. */
export function choiceTag(verdict: ChoiceVerdict, words: Dictionary['quiz']): string | null {
  return verdict === 'neutral' ? null : words.choiceTags[verdict];
}

/** « le 12 mars 2026 à 14:05 » (or its English), in the reader's time zone. */
export function formatAttemptDate(iso: string, { intlLocale, quiz }: Pick<Dictionary, 'intlLocale' | 'quiz'>): string {
  const date = new Date(iso);
  const day = date.toLocaleDateString(intlLocale, { day: 'numeric', month: 'long', year: 'numeric' });
  const time = date.toLocaleTimeString(intlLocale, { hour: '2-digit', minute: '2-digit' });
  return quiz.attemptDate(day, time);
}
