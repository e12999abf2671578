'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ExecRequest } from '../../../_components/code-actions';
import { alertFromError, ErrorAlert } from '../../../_components/error-alert';
import { useDictionary } from '../../../_i18n/locale-provider';
import type { SessionView } from '@/server/sessions/session-view';
import { machinesOf } from '../_lib/lab-session-state';
import type { LabView } from '../_lib/lab-view';
import { EXPIRY_WARNING_MS } from '../_lib/countdown';
import { SessionEndedError, SessionExpiredError, useLabSession } from '../_lib/use-lab-session';
import { useRemainingTime } from '../_lib/use-remaining-time';
import { usePageVisits } from '../_lib/use-page-visits';
import { useStepChecks } from '../_lib/use-step-checks';
import { useResumePage } from '../_lib/use-resume-page';
import { useStepHelp } from '../_lib/use-step-help';
import styles from './lab-workspace.module.css';
import { SandboxPanel } from './sandbox-panel';
import { ExpiryWarning, SessionControls } from './session-controls';
import { StepPanel } from './step-panel';
import type { TerminalHandle } from './terminal';

interface LabWorkspaceProps {
  lab: LabView;
  lesson: { href: string; title: string } | null;
  /** The lab's course on the home page: the built-in one's programme, or its pack's section (and title). */
  course: { href: string; title: string | null };
  /** Shown under the toolbar, rendered by the server (the lab's warnings, for instructors). */
  notice?: ReactNode;
  /** DOCKYARD_RECORDING_DAYS: the terminal says it is recorded, and for how long (0: not recorded). */
  recordingDays: number;
}

const CTRL_C = '\x03';

/**
 * What the alert under the toolbar is about, worded at render time: switching the language
 * rewords it, and reportError stays the same function (the session hooks depend on it).
 */
type LabAlert = { error: unknown } | { notice: 'startToExec' | 'resumeToExec' | 'terminalNotReady' };
/** Once time is up, how often to ask the server whether the session is really over. */
const EXPIRED_RECHECK_MS = 15_000;

export function LabWorkspace({ lab, lesson, course, notice, recordingDays }: LabWorkspaceProps) {
  const { lab: words, errors, site } = useDictionary();
  const [alert, setAlert] = useState<LabAlert | null>(null);
  const reportError = useCallback((error: unknown) => setAlert({ error }), []);
  const alertMessage =
    alert === null
      ? null
      : 'notice' in alert
        ? { message: words[alert.notice] }
        : alert.error instanceof SessionExpiredError
          ? { message: words.expired }
          : alert.error instanceof SessionEndedError
            ? { message: alert.error.message }
            : alertFromError(alert.error, errors);
  const { state, storage, start, end, extend, reset, refresh, ended, pause, resume: resumeLab, restore, notePassed } = useLabSession(lab.slug, reportError);
  const { phase, session } = state;
  // A paused lab's machines are stopped: no scripts, help or checks until « Reprendre ».
  const running = session?.state === 'running' ? session : null;
  const { byStep, check } = useStepChecks(session?.id ?? null, reportError);
  const help = useStepHelp(running?.id ?? null, reportError);
  const terminalRef = useRef<TerminalHandle>(null);
  const [page, setPage] = useState(0);
  usePageVisits(running?.id ?? null, page, lab.steps.length, reportError);

  // When a session appears (started, or found again after a reload), leave the introduction
  // for the first step not passed yet, once that is known. Adjusted during render, as React
  // recommends for state that follows a change.
  const resume = useResumePage(lab.slug, session?.id ?? null);
  const [shownSessionId, setShownSessionId] = useState<string | null>(null);
  if ((session?.id ?? null) !== shownSessionId && (!session || resume !== undefined)) {
    setShownSessionId(session?.id ?? null);
    if (session && page === 0) setPage(resume?.page ?? 1);
  }

  const remaining = useRemainingTime(running?.expiresAt ?? null);
  const busy = phase === 'ending' || phase === 'pausing' || phase === 'restoring' ? phase : null;
  const expired = phase === 'running' && remaining !== null && remaining <= 0;
  // At zero the server pauses the lab, or ends it where pausing is off (or says it was extended from another tab).
  useEffect(() => {
    if (!expired) return;
    void refresh();
    const timer = setInterval(() => void refresh(), EXPIRED_RECHECK_MS);
    return () => clearInterval(timer);
  }, [expired, refresh]);

  const handleExec = ({ command, interrupt }: ExecRequest): boolean => {
    if (!running) {
      setAlert({ notice: session ? 'resumeToExec' : 'startToExec' });
      return false;
    }
    const sent = terminalRef.current?.sendInput(`${interrupt ? CTRL_C : ''}${command}\n`) ?? false;
    if (!sent) setAlert({ notice: 'terminalNotReady' });
    return sent;
  };

  const handleStart = () => {
    setAlert(null);
    void start();
  };

  // An action on the session the page shows clears the alert of the one before; those that
  // delete machines ask first. Each one shows its own progress.
  const act = (action: (shown: SessionView) => Promise<unknown>, question?: string) => {
    if (!session) return;
    if (question && !window.confirm(question)) return;
    setAlert(null);
    void action(session);
  };
  const handleEnd = () => act(end, words.confirmEnd);

  const handleCheck = async (step: number) => {
    const attempt = await check(step);
    if (attempt?.passed && session) notePassed(session.id, step);
  };

  return (
    <div className={styles.workspace}>
      <header className={styles.toolbar}>
        <div className={styles.heading}>
          <p className={styles.kicker}>
            <Link href={course.href}>{course.title ?? site.course}</Link>
            {lesson && (
              <>
                <span aria-hidden="true"> · </span>
                <Link href={lesson.href}>{words.lessonLink(lesson.title)}</Link>
              </>
            )}
          </p>
          <h1>
            <span className={styles.labBadge}>{words.badge}</span> {lab.title}
          </h1>
        </div>
        {running && remaining !== null && (
          <SessionControls
            session={running}
            remaining={remaining}
            busy={busy}
            onExtend={() => extend(running)}
            onPause={storage?.pausing === false ? undefined : () => act(pause)}
            onReset={() => act(reset, words.confirmReset)}
            onEnd={handleEnd}
          />
        )}
      </header>

      {notice && <div className={styles.alert}>{notice}</div>}

      {running && remaining !== null && remaining > 0 && remaining <= EXPIRY_WARNING_MS && (
        <div className={styles.alert}>
          <ExpiryWarning session={running} />
        </div>
      )}

      {alertMessage && (
        <div className={styles.alert}>
          <ErrorAlert alert={alertMessage} onDismiss={() => setAlert(null)} />
        </div>
      )}

      <div className={styles.panes}>
        <StepPanel
          lab={lab}
          page={page}
          onPageChange={setPage}
          checks={byStep}
          passedBefore={resume?.passed}
          machines={machinesOf(state)}
          onCheck={(step) => void handleCheck(step)}
          onExec={handleExec}
          help={help}
          session={session}
          restore={running && { steps: running.restorableSteps, enabled: phase === 'running', onRestore: (step) => act((shown) => restore(shown, step)) }}
        />
        <SandboxPanel
          state={state}
          storage={storage}
          onStart={handleStart}
          onResume={() => act(resumeLab)}
          onEnd={handleEnd}
          terminalRef={terminalRef}
          onSessionEnded={ended}
          recordingDays={recordingDays}
        />
      </div>
    </div>
  );
}
