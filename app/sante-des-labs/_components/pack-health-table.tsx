import { labAnchor, type LabHealthPackView } from '@/server/lab-health/lab-health-view';
import { LocalDate } from '../../_components/local-date';
import type { Dictionary } from '../../_i18n/fr';
import styles from '../lab-health.module.css';
import { ColumnHeads } from './column-heads';
import { FailureDetail, LabHistory } from './lab-history';
import { OutcomeBadge } from './outcome-badge';

/** One pack's labs: their last result, since when they fail, and (folded) the failing step and history. */
export function PackHealthTable({ pack, words }: { pack: LabHealthPackView; words: Dictionary['labHealth'] }) {
  if (pack.labs.length === 0) return <p className="empty-state">{words.noLabs}</p>;
  return (
    <table className={`data-table ${styles.table}`} data-testid={`lab-health-${pack.id}`}>
      <caption className={styles.caption}>{words.packCaption(pack.title, pack.failing, pack.labs.length)}</caption>
      <ColumnHeads labels={[words.columns.lab, words.columns.result, words.columns.testedAt, words.columns.failingSince, words.columns.details]} />
      <tbody>
        {pack.labs.map((lab) => {
          const shown = lab.lastTested;
          return (
            <tr key={lab.lab} id={labAnchor(lab.lab)} data-lab={lab.lab}>
              <th scope="row" className="row-header">
                {lab.title}
                <br />
                <code className={styles.labId}>{lab.lab}</code>
              </th>
              <td>
                <OutcomeBadge outcome={shown?.outcome ?? 'never'} words={words} />
                {lab.latest?.outcome === 'postponed' && <p className={styles.note}>{words.postponedLast}</p>}
              </td>
              <td>{shown ? <LocalDate iso={shown.at} /> : words.notFailing}</td>
              <td>{lab.failingSince ? <LocalDate iso={lab.failingSince} /> : words.notFailing}</td>
              <td>
                {shown?.outcome === 'failed' && <FailureDetail result={shown} words={words} />}
                {lab.history.length > 0 && (
                  <details className={styles.details}>
                    <summary>{words.showHistory}</summary>
                    <LabHistory lab={lab} words={words} />
                  </details>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
