import type { HealthResultView, LabHealthLabView } from '@/server/lab-health/lab-health-view';
import { LocalDate } from '../../_components/local-date';
import type { Dictionary } from '../../_i18n/fr';
import styles from '../lab-health.module.css';
import { ColumnHeads } from './column-heads';
import { OutcomeBadge } from './outcome-badge';

type Words = Dictionary['labHealth'];

export function failingStep(result: HealthResultView, words: Words): string {
  return result.step ? words.step(result.step.number, result.step.title) : words.wholeLab;
}

/** What failed and why; what it printed, folded. */
export function FailureDetail({ result, words }: { result: HealthResultView; words: Words }) {
  return (
    <div className={styles.failure}>
      <p>
        <strong>{failingStep(result, words)}</strong>
        {result.problem && <> — {result.problem}</>}
      </p>
      {result.output && (
        <details className={styles.details}>
          <summary>{words.output}</summary>
          <pre className={styles.output}>{result.output}</pre>
        </details>
      )}
    </div>
  );
}

/** The lab's last results, newest first. */
export function LabHistory({ lab, words }: { lab: LabHealthLabView; words: Words }) {
  return (
    <table className={`data-table ${styles.history}`}>
      <caption>{words.historyCaption(lab.title, lab.history.length)}</caption>
      <ColumnHeads labels={[words.historyColumns.at, words.historyColumns.outcome, words.historyColumns.step, words.historyColumns.version, words.historyColumns.duration]} />
      <tbody>
        {lab.history.map((result) => (
          <tr key={`${result.runId}-${result.at}`}>
            <td>
              <LocalDate iso={result.at} />
            </td>
            <td>
              <OutcomeBadge outcome={result.outcome} words={words} />
            </td>
            <td>{result.outcome === 'failed' ? failingStep(result, words) : words.notFailing}</td>
            <td>{result.packVersion ? <code>{result.packVersion.slice(0, 10)}</code> : words.folderVersion}</td>
            <td>{result.durationMs === null ? words.notFailing : words.seconds(Math.round(result.durationMs / 1000))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
