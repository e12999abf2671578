import type { StepHelpView } from '@/server/sessions/session-view';
import { CodeActions } from '../../../_components/code-actions';
import { MarkdownHtml } from '../../../_components/markdown-html';
import styles from './step-help.module.css';

interface StepHelpProps {
  stepNumber: number;
  hintCount: number;
  hasSolution: boolean;
  /** What the student has revealed so far; undefined until the server said. */
  help: StepHelpView | undefined;
  /** False until the lab runs: help is recorded against the session. */
  enabled: boolean;
  /** A request for this step is in flight. */
  pending: boolean;
  onHint(shown: number): void;
  onSolution(): void;
}

/** « Indice » (one at a time) and « Voir la solution » (after a confirmation), with what was revealed. */
export function StepHelp({ stepNumber, hintCount, hasSolution, help, enabled, pending, onHint, onSolution }: StepHelpProps) {
  if (hintCount === 0 && !hasSolution) return null;
  const hints = help?.hints ?? [];
  const solution = help?.solution ?? null;
  const allShown = hints.length >= hintCount;
  const disabledWhy = enabled ? undefined : 'Démarrez le lab pour demander de l’aide';

  const confirmSolution = () => {
    const question = `Afficher la solution de l’étape ${stepNumber} ? Votre enseignant verra que vous l’avez consultée.`;
    if (window.confirm(question)) onSolution();
  };

  return (
    <div className={styles.help}>
      {hints.map((html, index) => (
        <aside key={index} className={styles.hint} aria-label={`Indice ${index + 1}`} data-testid="hint">
          <p className={styles.label}>
            Indice {index + 1} sur {hintCount}
          </p>
          <MarkdownHtml html={html} />
        </aside>
      ))}

      {solution && (
        <section className={styles.solution} aria-label="Solution" data-testid="solution">
          <p className={styles.label}>Solution</p>
          {/* Code blocks copy on click; they are never typed into the terminal for the student. */}
          <CodeActions>
            {solution.parts.map((part, index) => (
              <div key={index} className={styles.part}>
                {(solution.parts.length > 1 || part.nodes.length > 1) && <p className={styles.nodes}>Sur {joinNodes(part.nodes)} :</p>}
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
            {allShown ? 'Plus d’autre indice' : hints.length === 0 ? 'Indice' : 'Indice suivant'}
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
            Voir la solution
          </button>
        )}
      </div>
    </div>
  );
}

/** « node2 et node3 », « node1, node2 et node3 ». */
function joinNodes(nodes: string[]): string {
  return nodes.length <= 1 ? (nodes[0] ?? '') : `${nodes.slice(0, -1).join(', ')} et ${nodes.at(-1)}`;
}
