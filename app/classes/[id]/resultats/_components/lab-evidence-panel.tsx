'use client';

import Link from 'next/link';
import { useCallback, useState } from 'react';
import { LocalDate } from '../../../../_components/local-date';
import { RecordingLinks } from '../../enregistrement/_components/recording-links';
import type { Dictionary } from '../../../../_i18n/fr';
import { useDictionary } from '../../../../_i18n/locale-provider';
import type { LabLifecycleView } from '@/server/progress/progress-views';
import { formatDuration } from '../_lib/format-duration';
import { resultsApi } from '../_lib/results-api';
import { useEvidence } from '../_lib/use-evidence';
import styles from '../results.module.css';
import { EvidencePanel } from './evidence-panel';
import type { SelectedCell } from './results-dashboard';
import { liveViewHref } from '../_lib/session-links';

/**
 * One student's record on one lab: steps, every attempt with its output, hints and solutions,
 * time; while they are in the lab, a way to watch their terminal live. Reloaded with the
 * dashboard. The history comes a page at a time, oldest first: the server pages it so that
 * a flood of checks cannot make the answer grow without bound.
 */
export function LabEvidencePanel({ classId, selected, refreshedAt, onClose }: { classId: string; selected: SelectedCell; refreshedAt: string; onClose(): void }) {
  /** The cursors of the pages before the one shown: empty on the first page. */
  const [trail, setTrail] = useState<string[]>([]);
  const after = trail.at(-1);
  const load = useCallback(
    () => resultsApi.labEvidence(classId, selected.userId, selected.slug, after).then(({ evidence }) => evidence),
    [classId, selected, after],
  );
  const { evidence, error } = useEvidence(load, refreshedAt);
  const next = evidence?.more ? evidence.cursor : null;
  const running = evidence?.sessions.find((session) => session.running);
  const { results } = useDictionary();
  const words = results.evidence;

  return (
    <EvidencePanel selected={selected} error={error} onClose={onClose} testId="lab-evidence">
      {running && (
        <p className={styles.live}>
          <span className="badge badge--success">{words.inLabNow}</span>
          <Link className="button button--primary button--small" href={liveViewHref(classId, running.id)}>
            {words.watchLive}
          </Link>
        </p>
      )}
      {evidence && (
        <>
          <p className="panel-lead">
            {words.summary(
              evidence.progress.score,
              evidence.progress.maxScore,
              evidence.progress.stepsPassed,
              formatDuration(evidence.progress.timeSpentMs, results.duration),
              evidence.sessionCount,
            )}
          </p>
          {evidence.sessionCount > evidence.sessions.length && <p className={styles.muted}>{words.olderSessions(evidence.sessions.length, evidence.sessionCount)}</p>}
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{words.columns.step}</th>
                <th scope="col">{words.columns.result}</th>
                <th scope="col">{words.columns.attempts}</th>
                <th scope="col">{words.columns.help}</th>
              </tr>
            </thead>
            <tbody>
              {evidence.progress.steps.map((step) => (
                <tr key={step.index}>
                  <td>
                    {step.index + 1}. {step.title}
                  </td>
                  <td>{!step.graded ? words.ungraded : step.passed ? words.passed(step.points) : words.notPassed}</td>
                  <td>{step.attempts}</td>
                  <td>
                    {step.hintsShown > 0 && words.hintsShown(step.hintsShown)}
                    {step.solutionRevealed && <span className="badge badge--warning">{words.solutionShown}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <RecordingLinks classId={classId} sessions={evidence.sessions} refreshedAt={refreshedAt} />
          <h3>{words.history}</h3>
          {(trail.length > 0 || next) && (
            <nav className={styles.pager} aria-label={words.history} data-testid="history-pager">
              <span className={styles.muted}>{words.historyPage(trail.length + 1)}</span>
              {trail.length > 0 && (
                <button type="button" className="button button--secondary button--small" onClick={() => setTrail((pages) => pages.slice(0, -1))}>
                  {words.previousPage}
                </button>
              )}
              {next && (
                <button type="button" className="button button--secondary button--small" onClick={() => setTrail((pages) => [...pages, next])}>
                  {words.nextPage}
                </button>
              )}
            </nav>
          )}
          {evidence.attempts.length === 0 && evidence.events.length === 0 && evidence.lifecycle.length === 0 ? (
            <p className="empty-state">{words.nothingYet}</p>
          ) : (
            <ol>
              {[
                ...evidence.attempts.map((attempt) => ({
                  at: attempt.at,
                  key: `a-${attempt.at}-${attempt.step}`,
                  body: (
                    <>
                      {words.attempt(attempt.step + 1, attempt.passed, attempt.exitCode)}
                      {attempt.outputTruncated && (
                        <>
                          {' '}
                          <span className="badge badge--warning">{words.outputTruncated}</span>
                        </>
                      )}
                      {attempt.output && <pre className={styles.output}>{attempt.output}</pre>}
                    </>
                  ),
                })),
                ...evidence.events
                  .filter((event) => event.kind !== 'started')
                  .map((event) => ({
                    at: event.at,
                    key: `e-${event.at}-${event.step}-${event.kind}-${event.hint}`,
                    body: (
                      <>
                        {words.event(event.step + 1)} {words.events[event.kind]}
                        {event.kind === 'hint' && ` ${event.hint + 1}`}
                      </>
                    ),
                  })),
                ...evidence.lifecycle.map((change) => ({
                  at: change.at,
                  key: `l-${change.at}-${change.kind}`,
                  body: <>{lifecycleText(words, change)}</>,
                })),
              ]
                .sort((a, b) => a.at.localeCompare(b.at))
                .map((entry) => (
                  <li key={entry.key}>
                    <span className={styles.muted}>
                      <LocalDate iso={entry.at} />
                    </span>{' '}
                    {entry.body}
                  </li>
                ))}
            </ol>
          )}
        </>
      )}
    </EvidencePanel>
  );
}

/** A pause, resume or restore of the lab, in the reader's words. */
function lifecycleText(words: Dictionary['results']['evidence'], change: LabLifecycleView): string {
  const why = words.lifecycleReasons[change.reason] ?? change.reason;
  if (change.kind === 'paused') return words.paused(why);
  if (change.kind === 'resumed') return words.resumed(why);
  return words.restored((change.step ?? 0) + 1, why);
}
