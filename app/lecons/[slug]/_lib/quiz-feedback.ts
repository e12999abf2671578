/** How the lesson page words a quiz's results (pure, so it is tested without a browser). */
import type { QuestionResultView } from '@/server/quizzes/quiz-view';

/** « 1 question », « 3 questions ». */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count > 1 ? plural : singular}`;
}

export type ScoreLevel = 'perfect' | 'good' | 'low';

/** Half the points or more is « good »: enough to move on after reading the explanations. */
export function scoreLevel(score: number, maxScore: number): ScoreLevel {
  if (score === maxScore) return 'perfect';
  return score * 2 >= maxScore ? 'good' : 'low';
}

export const SCORE_ADVICE: Record<ScoreLevel, string> = {
  perfect: 'Parfait : toutes vos réponses sont justes.',
  good: 'Bien joué ! Lisez les explications des questions manquées, puis recommencez si vous le souhaitez.',
  low: 'Quelques notions restent à revoir : lisez les explications, relisez la leçon, puis recommencez.',
};

/** What one choice shows once corrected: the student's pick, right or wrong, or the right answer they missed. */
export type ChoiceVerdict = 'chosen-right' | 'chosen-wrong' | 'missed' | 'neutral';

export function choiceVerdict(choiceId: string, result: Pick<QuestionResultView, 'selected' | 'answer'>): ChoiceVerdict {
  const chosen = result.selected.includes(choiceId);
  const right = result.answer.includes(choiceId);
  if (chosen) return right ? 'chosen-right' : 'chosen-wrong';
  return right ? 'missed' : 'neutral';
}

export const CHOICE_TAG: Record<ChoiceVerdict, string | null> = {
  'chosen-right': '✓ Juste',
  'chosen-wrong': '✗ Faux',
  missed: 'Bonne réponse',
  neutral: null,
};

/** « le 12 mars 2026 à 14:05 », in the reader's time zone. */
export function formatAttemptDate(iso: string): string {
  const date = new Date(iso);
  const day = date.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
  const time = date.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });
  return `le ${day} à ${time}`;
}
