import type { HealthOutcome } from '@/server/lab-health/lab-health-finding';
import type { Dictionary } from '../../_i18n/fr';
import styles from '../lab-health.module.css';

const LOOK: Record<HealthOutcome | 'never', { mark: string; className: string }> = {
  passed: { mark: '✓', className: 'badge badge--success' },
  failed: { mark: '✗', className: `badge ${styles.failed}` },
  postponed: { mark: '⏸', className: 'badge badge--warning' },
  never: { mark: '–', className: 'badge' },
};

/** A result in words, with a mark and a colour that only repeat them. */
export function OutcomeBadge({ outcome, words }: { outcome: HealthOutcome | 'never'; words: Dictionary['labHealth'] }) {
  const { mark, className } = LOOK[outcome];
  return (
    <span className={className} data-outcome={outcome}>
      <span aria-hidden="true">{mark}</span>
      {words.outcomes[outcome]}
    </span>
  );
}
