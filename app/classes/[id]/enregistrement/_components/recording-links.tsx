'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { LocalDate } from '@/app/_components/local-date';
import { useDictionary } from '@/app/_i18n/locale-provider';
import { requestJson } from '@/app/_lib/request-json';
import type { SessionSpanView } from '@/server/progress/progress-views';
import { recordingHref } from '../../resultats/_lib/session-links';

/**
 * The drill-down's links to the replay of each of the student's sessions that has a terminal
 * recording (asked of the server: recordings go after their days, and sessions of a lab whose
 * terminal was never opened have none). Nothing shows while it asks, or if it cannot.
 */
export function RecordingLinks({ classId, sessions, refreshedAt }: { classId: string; sessions: SessionSpanView[]; refreshedAt: string }) {
  const { results } = useDictionary();
  const words = results.evidence;
  const [recorded, setRecorded] = useState<string[]>([]);
  const ids = sessions.map((session) => session.id).join(',');

  useEffect(() => {
    if (!ids) return;
    let current = true;
    requestJson<{ recorded: string[] }>(`/api/classes/${encodeURIComponent(classId)}/recordings?sessions=${ids}`)
      .then((answer) => current && setRecorded(answer.recorded))
      .catch(() => undefined);
    return () => {
      current = false;
    };
    // Asked again with the dashboard: a session's first piece is written a few seconds in.
  }, [classId, ids, refreshedAt]);

  const shown = sessions.filter((session) => recorded.includes(session.id));
  if (shown.length === 0) return null;
  return (
    <>
      <h3>{words.recordingsTitle}</h3>
      <ul data-testid="recording-links">
        {shown.map((session) => (
          <li key={session.id}>
            <Link href={recordingHref(classId, session.id)}>{words.watchRecording}</Link> ({words.recordingOf}{' '}
            <LocalDate iso={session.startedAt} />)
          </li>
        ))}
      </ul>
    </>
  );
}
