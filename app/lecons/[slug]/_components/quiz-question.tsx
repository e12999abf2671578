import type { QuestionResultView, QuizQuestionView } from '@/server/quizzes/quiz-view';
import { MarkdownHtml } from '../../../_components/markdown-html';
import { useDictionary } from '../../../_i18n/locale-provider';
import { choiceTag, choiceVerdict } from '../_lib/quiz-feedback';
import styles from './quiz-question.module.css';

interface QuizQuestionProps {
  question: QuizQuestionView;
  number: number;
  selected: string[];
  /** The server's correction once the quiz is submitted; the choices are then locked. */
  result: QuestionResultView | undefined;
  onToggle(choiceId: string): void;
}

const VERDICT_CLASS = {
  'chosen-right': styles.chosenRight,
  'chosen-wrong': styles.chosenWrong,
  missed: styles.missed,
  neutral: styles.neutral,
};

/** One question: radio buttons, or checkboxes when several answers are right; then its correction. */
export function QuizQuestion({ question, number, selected, result, onToggle }: QuizQuestionProps) {
  const words = useDictionary().quiz;
  const promptId = `quiz-${question.id}-enonce`;
  const verdictClass = result ? (result.correct ? styles.correct : styles.incorrect) : '';

  return (
    <div
      role="group"
      aria-labelledby={promptId}
      className={`${styles.question} ${verdictClass}`}
      data-testid={`question-${question.id}`}
      data-correct={result ? String(result.correct) : undefined}
    >
      <div className={styles.head}>
        <span className={styles.number}>{words.question(number)}</span>
        {question.multiple && <span className="badge">{words.multiple}</span>}
      </div>
      <div id={promptId}>
        <MarkdownHtml html={question.promptHtml} className={styles.prompt} />
      </div>

      <ul className={styles.choices}>
        {question.choices.map((choice) => {
          const verdict = result ? choiceVerdict(choice.id, result) : null;
          const tag = verdict && choiceTag(verdict, words);
          return (
            <li key={choice.id}>
              <label className={`${styles.choice} ${verdict ? VERDICT_CLASS[verdict] : ''}`}>
                <input
                  type={question.multiple ? 'checkbox' : 'radio'}
                  name={`quiz-${question.id}`}
                  value={choice.id}
                  checked={selected.includes(choice.id)}
                  disabled={Boolean(result)}
                  onChange={() => onToggle(choice.id)}
                />
                <span className={`prose ${styles.choiceText}`} dangerouslySetInnerHTML={{ __html: choice.html }} />
                {tag && <span className={styles.tag}>{tag}</span>}
              </label>
            </li>
          );
        })}
      </ul>

      {result && (
        <div className={styles.feedback}>
          <p className={styles.verdict}>{result.correct ? words.correct : words.incorrect}</p>
          <MarkdownHtml html={result.explanationHtml} className={styles.explanation} />
        </div>
      )}
    </div>
  );
}
