'use client';

import 'asciinema-player/dist/bundle/asciinema-player.css';
import type { Player } from 'asciinema-player';
import { useEffect, useRef, useState } from 'react';
import { LocalDate } from '@/app/_components/local-date';
import { useDictionary } from '@/app/_i18n/locale-provider';
import { NodeTabs, shownNode } from '@/app/labs/[slug]/_components/node-tabs';
import type { RecordingReplayView } from '@/server/recordings/recording-service';
import styles from '../recording.module.css';

const SPEEDS = [0.5, 1, 2, 4, 8] as const;
/** Long silences (the student reading, a pause of the lab) play as this many seconds. */
const IDLE_LIMIT_SECONDS = 2;

interface RecordingPlayerProps {
  classId: string;
  replay: RecordingReplayView;
}

/**
 * asciinema-player over the session's .cast (its "m" events are the marks), a speed chooser,
 * and the marks as buttons that move playback there. The player touches the DOM: it is
 * loaded in the browser only, and made again (at the same position) when the speed or the
 * machine changes, its only way to take a new speed.
 */
export function RecordingPlayer({ classId, replay }: RecordingPlayerProps) {
  const { recording: words } = useDictionary();
  const container = useRef<HTMLDivElement>(null);
  const player = useRef<Player | null>(null);
  /** Where the previous player was when it was replaced (new speed, other machine). */
  const resumeAt = useRef(0);
  const [chosenNode, setChosenNode] = useState<string | null>(null);
  const node = shownNode(replay.nodes, chosenNode);
  const [speed, setSpeed] = useState<number>(1);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [announce, setAnnounce] = useState('');
  const [position, setPosition] = useState(0);
  const castUrl = `/api/classes/${classId}/sessions/${replay.sessionId}/recording?node=${encodeURIComponent(node)}`;

  useEffect(() => {
    let disposed = false;
    setState('loading');
    import('asciinema-player')
      .then(({ create }) => {
        if (disposed || !container.current) return;
        const made = create({ url: castUrl, fetchOpts: { credentials: 'same-origin' } }, container.current, {
          speed,
          startAt: resumeAt.current,
          idleTimeLimit: IDLE_LIMIT_SECONDS,
          preload: true,
          fit: 'width',
          terminalFontSize: 'medium',
        });
        player.current = made;
        setState('ready');
      })
      .catch(() => setState('failed'));
    return () => {
      disposed = true;
      resumeAt.current = player.current?.getCurrentTime() ?? 0;
      player.current?.dispose();
      player.current = null;
    };
  }, [castUrl, speed]);

  const seekToMark = async (index: number, label: string) => {
    const current = player.current;
    if (!current) return;
    await current.seek({ marker: index });
    setPosition(current.getCurrentTime());
    setAnnounce(words.seeked(label));
  };

  return (
    <section className={styles.replay} aria-label={words.playerLabel}>
      <div className={styles.bar}>
        <NodeTabs nodes={replay.nodes} selected={node} onSelect={setChosenNode} />
        <label>
          {words.speed}{' '}
          <select value={speed} onChange={(event) => setSpeed(Number(event.target.value))} data-testid="recording-speed">
            {SPEEDS.map((value) => (
              <option key={value} value={value}>
                ×{value}
              </option>
            ))}
          </select>
        </label>
        <a className="button button--secondary button--small" href={castUrl} download>
          {words.download}
        </a>
      </div>
      <p className={styles.muted}>{words.idleNote}</p>
      {replay.dropped > 0 && <p className="notice notice--warning">{words.dropped(replay.dropped)}</p>}
      {state === 'loading' && <p role="status">{words.loading}</p>}
      {state === 'failed' && <p role="alert">{words.loadFailed}</p>}
      <div ref={container} className={styles.player} data-testid="recording-player" />
      <p className={styles.muted} data-testid="recording-position" data-seconds={position}>
        {words.position(clock(position))}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>

      <section className={styles.marks} aria-labelledby="marks-title">
        <h2 id="marks-title">{words.marksTitle}</h2>
        {replay.marks.length === 0 ? (
          <p className="empty-state">{words.noMarks}</p>
        ) : (
          <>
            <p>{words.marksLead}</p>
            <ol className={styles.markList} data-testid="recording-marks">
              {replay.marks.map((mark, index) => (
                <li key={`${mark.at}-${index}`}>
                  <button type="button" className="button button--secondary button--small" disabled={state !== 'ready'} onClick={() => void seekToMark(index, mark.label)}>
                    {mark.label}
                  </button>{' '}
                  <span className={styles.muted}>
                    <LocalDate iso={mark.at} />
                  </span>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
    </section>
  );
}

/** 75.4 → « 1:15 ». */
function clock(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
