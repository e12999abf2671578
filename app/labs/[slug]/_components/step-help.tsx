import type { StepHelpView } from '@/server/sessions/session-view';
import { CodeActions } from '../../../_components/code-actions';
import { MarkdownHtml } from '../../../_components/markdown-html';
import { useDictionary } from '../../../_i18n/locale-provider';
import type { MachinesState } from '../_lib/lab-session-state';
import styles from './step-help.module.css';

interface StepHelpProps {
  stepNumber: number;
  hintCount: number;
  hasSolution: boolean;
  /** What the student has revealed so far; undefined until the server said. */
  help: StepHelpView | undefined;
  /** Help is recorded against the running session: only once its machines are ready. */
  machines: MachinesState;
  /** A request for this step is in flight. */
  pending: boolean;
  onHint(shown: number): void;
  onSolution(): void;
}

/** « Indice » (one at a time) and « Voir la solution » (after a confirmation), with what was revealed. */
export function StepHelp({ stepNumber, hintCount, hasSolution, help, machines, pending, onHint, onSolution }: StepHelpProps) {
  const words = useDictionary().lab.help;
  if (hintCount === 0 && !hasSolution) return null;
  const hints = help?.hints ?? [];
  const solution = help?.solution ?? null;
  const allShown = hints.length >= hintCount;
  const enabled = machines === 'ready';
  const disabledWhy = machines === 'absent' ? words.startFirst : machines === 'paused' ? words.resumeFirst : undefined;

  const confirmSolution = () => {
    if (window.confirm(words.confirmSolution(stepNumber))) onSolution();
  };

  return (
    <div className={styles.help}>
      {hints.map((html, index) => (
        <aside key={index} className={styles.hint} aria-label={words.hint(index + 1)} data-testid="hint">
          <p className={styles.label}>
            {words.hintOf(index + 1, hintCount)}
          </p>
          <MarkdownHtml html={html} />
        </aside>
      ))}

      {solution && (
        <section className={styles.solution} aria-label={words.solution} data-testid="solution">
          <p className={styles.label}>{words.solution}</p>
          {/* Code blocks copy on click; they are never typed into the terminal for the student. */}
          <CodeActions>
            {solution.parts.map((part, index) => (
              <div key={index} className={styles.part}>
                {(solution.parts.length > 1 || part.nodes.length > 1) && <p className={styles.nodes}>{words.onNodes(part.nodes)}</p>}
                <MarkdownHtml html={part.html} />
              </div>
            ))}
          </CodeActions>
        </section>
      )}

      <div className={styles.actions}>
        {hintCount > 0 && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => onHint(hints.length)}
            disabled={!enabled || pending || allShown}
            title={disabledWhy}
          >
            {allShown ? words.noMoreHints : hints.length === 0 ? words.firstHint : words.nextHint}
          </button>
        )}
        {hasSolution && !solution && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={confirmSolution}
            disabled={!enabled || pending}
            title={disabledWhy}
          >
            {words.showSolution}
          </button>
        )}
      </div>
    </div>
  );
}
