'use client';

import { useCallback, useMemo, useState } from 'react';
import type { ClassDashboardView, ResultCell, ResultColumn } from '@/server/progress/class-results';
import { InlineError } from '../../../../_components/inline-error';
import { LocalDate } from '../../../../_components/local-date';
import { useDictionary } from '../../../../_i18n/locale-provider';
import { resultsApi } from '../_lib/results-api';
import { usePolling } from '../_lib/use-polling';
import styles from '../results.module.css';
import { LabEvidencePanel } from './lab-evidence-panel';
import { QuizEvidencePanel } from './quiz-evidence-panel';
import { StatusBadge } from './status-badge';
import { StuckStudentsPanel } from './stuck-students-panel';

/** A check a student runs (and a flag it raises) shows up within this delay. */
const POLL_MS = 3000;

/** One cell of the matrix, opened for its detail. */
export interface SelectedCell {
  userId: string;
  studentName: string;
  kind: 'lab' | 'quiz';
  slug: string;
  title: string;
}

/** The students who look stuck, then students × graded assignments, refreshed every few seconds; a cell opens its detail. */
export function ResultsDashboard({ initial }: { initial: ClassDashboardView }) {
  const { results: words } = useDictionary();
  const classId = initial.results.classId;
  const load = useCallback(() => resultsApi.dashboard(classId), [classId]);
  const { value: dashboard, error } = usePolling(load, initial, POLL_MS);
  const { results, stuck } = dashboard;
  // « userId/lab » of each flagged cell: the matrix marks it too.
  const stuckCells = useMemo(() => new Set(stuck.map((flag) => `${flag.userId}/${flag.lab}`)), [stuck]);
  const [selected, setSelected] = useState<SelectedCell | null>(null);

  return (
    <>
      <div className={styles.toolbar}>
        <a className="button button--secondary button--small" href={resultsApi.csvHref(classId)} title={words.exportCsvHint} download>
          {words.exportCsv}
        </a>
        <a className="button button--secondary button--small" href={resultsApi.csvHref(classId, 'canvas')} title={words.exportCanvasCsvHint} download>
          {words.exportCanvasCsv}
        </a>
        <span>
          {words.autoRefresh} <LocalDate iso={results.generatedAt} />
        </span>
        <InlineError error={error === null ? null : words.pollFailed} />
      </div>
      <StuckStudentsPanel classId={classId} flags={stuck} />
      {results.students.length === 0 || results.columns.length === 0 ? (
        <p className="empty-state">
          {results.students.length === 0
            ? words.noStudent
            : words.noColumn}
        </p>
      ) : (
        <div className={styles.scroll}>
          <table className="data-table" data-testid="results">
            <thead>
              <tr>
                <th scope="col">{words.student}</th>
                {results.columns.map((column) => (
                  <th scope="col" key={column.assignmentId}>
                    {column.title} ({column.kind === 'lab' ? 'lab' : 'quiz'})
                    {column.dueAt && (
                      <span className={styles.muted}>
                        {' '}
                        · {words.due} <LocalDate iso={column.dueAt} />
                      </span>
                    )}
                  </th>
                ))}
                <th scope="col">{words.total}</th>
              </tr>
            </thead>
            <tbody>
              {results.students.map((student) => (
                <tr key={student.userId} data-testid={`results-${student.email}`}>
                  <th scope="row">
                    {student.name}
                    <br />
                    <span className={styles.muted}>{student.email}</span>
                  </th>
                  {results.columns.map((column, index) => {
                    const cell = student.cells[index];
                    if (!cell) return <td key={column.assignmentId} />;
                    const open = () => setSelected({ userId: student.userId, studentName: student.name, kind: column.kind, slug: column.slug, title: column.title });
                    return (
                      <td key={column.assignmentId}>
                        <button type="button" className={styles.cellButton} onClick={open} aria-label={words.cellDetail(column.kind, column.title, student.name)}>
                          <CellContent cell={cell} column={column} stuck={column.kind === 'lab' && stuckCells.has(`${student.userId}/${column.slug}`)} />
                        </button>
                      </td>
                    );
                  })}
                  <td className={styles.score}>
                    {student.total}/{results.maxTotal}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected && (selected.kind === 'lab' ? (
        <LabEvidencePanel key={`${selected.userId}/lab/${selected.slug}`} classId={classId} selected={selected} refreshedAt={results.generatedAt} onClose={() => setSelected(null)} />
      ) : (
        <QuizEvidencePanel key={`${selected.userId}/quiz/${selected.slug}`} classId={classId} selected={selected} refreshedAt={results.generatedAt} onClose={() => setSelected(null)} />
      ))}
    </>
  );
}

function CellContent({ cell, column, stuck }: { cell: ResultCell; column: ResultColumn; stuck: boolean }) {
  const { results: words } = useDictionary();
  return (
    <span className={styles.cell}>
      <span className={styles.score}>
        {cell.score}
        {column.maxScore !== null && `/${column.maxScore}`}
      </span>
      <StatusBadge status={cell.status} />
      {cell.solutionsRevealed > 0 && (
        <span className={styles.muted}>
          {words.stepsAfterSolution(cell.solutionsRevealed)}
        </span>
      )}
      {stuck && <span className={styles.stuck}>{words.stuck.cellMarker}</span>}
    </span>
  );
}
