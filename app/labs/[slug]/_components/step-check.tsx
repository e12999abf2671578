import { useEffect, useRef } from 'react';
import { useDictionary } from '../../../_i18n/locale-provider';
import type { MachinesState } from '../_lib/lab-session-state';
import type { StepCheck as StepCheckState } from '../_lib/use-step-checks';
import styles from './step-check.module.css';

interface StepCheckProps {
  check: StepCheckState | undefined;
  /** Checks run on the machines: only once they are ready. */
  machines: MachinesState;
  onCheck(): void;
}

/** « Vérifier » and the latest result of the step's check, with the script's own explanation. */
export function StepCheck({ check, machines, onCheck }: StepCheckProps) {
  const words = useDictionary().lab.check;
  const enabled = machines === 'ready';
  const whyNot = machines === 'absent' ? words.startFirst : machines === 'paused' ? words.resumeFirst : null;
  const checking = check?.status === 'checking';
  const attempt = check?.status === 'done' ? check.attempt : null;
  const resultRef = useRef<HTMLDivElement>(null);

  // The result appears under the step's text: bring it into view rather than leave it below the fold.
  const attemptId = attempt?.id;
  useEffect(() => {
    if (attemptId) resultRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [attemptId]);

  return (
    <div className={styles.check}>
      <div className={styles.row}>
        <button type="button" className="button button--primary" onClick={onCheck} disabled={!enabled || checking}>
          {checking && <span className="spinner" aria-hidden="true" />}
          {checking ? words.checking : words.check}
        </button>
        {whyNot && <p className={styles.hint}>{whyNot}</p>}
      </div>
      {attempt && (
        <div
          ref={resultRef}
          data-testid="check-result"
          data-passed={String(attempt.passed)}
          role="status"
          className={attempt.passed ? `${styles.result} ${styles.passed}` : `${styles.result} ${styles.failed}`}
        >
          <p className={styles.verdict}>{attempt.passed ? words.passed : words.failed}</p>
          {attempt.output.trim() && <pre className={styles.output}>{attempt.output.trim()}</pre>}
          {attempt.outputTruncated && (
            <p className={styles.truncated} data-testid="output-truncated">
              {words.outputTruncated}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
