'use client';

import { useId, type ReactNode } from 'react';
import { InlineError } from '../../../../_components/inline-error';
import { useDictionary } from '../../../../_i18n/locale-provider';
import type { SelectedCell } from './results-dashboard';

interface EvidencePanelProps {
  selected: SelectedCell;
  error: string | null;
  onClose(): void;
  testId: string;
  children: ReactNode;
}

/** The frame of a drill-down under the matrix: whose record of what, a way to close it, its load error. */
export function EvidencePanel({ selected, error, onClose, testId, children }: EvidencePanelProps) {
  const headingId = useId();
  const { results } = useDictionary();
  return (
    <section className="panel" aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId}>
        {selected.studentName} — {selected.title}
      </h2>
      <p>
        <button type="button" className="button button--secondary button--small" onClick={onClose}>
          {results.evidence.close}
        </button>
      </p>
      <InlineError error={error} />
      {children}
    </section>
  );
}
