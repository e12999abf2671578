'use client';

import { useEffect, useRef } from 'react';
import { CodeActions, type ExecRequest } from '../../../_components/code-actions';
import { MarkdownHtml } from '../../../_components/markdown-html';
import { useDictionary } from '../../../_i18n/locale-provider';
import { formatRemaining } from '../_lib/countdown';
import type { MachinesState } from '../_lib/lab-session-state';
import type { LabView } from '../_lib/lab-view';
import { withPreviewLinks, type PreviewSession } from '../_lib/preview-links';
import type { StepCheck as StepCheckState } from '../_lib/use-step-checks';
import type { useStepHelp } from '../_lib/use-step-help';
import { StepCheck } from './step-check';
import { StepHelp } from './step-help';
import { StepRestore } from './step-restore';
import styles from './step-panel.module.css';

interface StepPanelProps {
  lab: LabView;
  /** 0 is the introduction, 1…n the steps, n + 1 the conclusion. */
  page: number;
  onPageChange(page: number): void;
  checks: Partial<Record<number, StepCheckState>>;
  /** Steps passed in any session of the lab (coming back, a new session): marked passed too. */
  passedBefore?: ReadonlySet<number>;
  /** Checks and help need the machines ready. */
  machines: MachinesState;
  onCheck(step: number): void;
  onExec(request: ExecRequest): boolean;
  /** Hints and solutions revealed in this session, and how to ask for more. */
  help: ReturnType<typeof useStepHelp>;
  /** Fills `{{TRAFFIC_HOST1_8080}}` with this session's preview URLs. */
  session: PreviewSession | null;
  /** « Revenir à l'étape N » under the steps the machines can go back to (0-based); null without a running lab. */
  restore: { steps: readonly number[]; enabled: boolean; onRestore(step: number): void } | null;
}

export function StepPanel({ lab, page, onPageChange, checks, passedBefore, machines, onCheck, onExec, help, session, restore }: StepPanelProps) {
  const words = useDictionary().lab;
  const stepCount = lab.steps.length;
  const lastPage = stepCount + 1;
  const step = page >= 1 && page <= stepCount ? lab.steps[page - 1] : undefined;
  const bodyRef = useRef<HTMLDivElement>(null);

  // A new page starts at its top, whatever was scrolled on the previous one.
  useEffect(() => {
    bodyRef.current?.scrollTo({ top: 0 });
  }, [page]);

  const label = step
    ? words.steps.stepLabel(page, stepCount, step.points)
    : page === 0
      ? words.steps.introduction
      : words.steps.conclusion;
  const title = step ? step.title : page === 0 ? (lab.intro.title ?? words.steps.introTitle) : (lab.finish.title ?? words.steps.finishTitle);
  const passed = (index: number) => {
    const check = checks[index];
    return (check?.status === 'done' && check.attempt.passed) || Boolean(passedBefore?.has(index));
  };
  const solutionSeen = (index: number) => Boolean(help.byStep[index]?.solution);

  return (
    <section className={styles.panel} aria-labelledby="titre-etape">
      <div className={styles.progress}>
        <p className={styles.label}>{label}</p>
        <ol className={styles.segments} aria-label={words.steps.list}>
          {lab.steps.map((candidate) => {
            const classes = [styles.segment];
            if (passed(candidate.index)) classes.push(styles.segmentPassed);
            if (solutionSeen(candidate.index)) classes.push(styles.segmentSolution);
            if (candidate.index === page - 1) classes.push(styles.segmentCurrent);
            return (
              <li key={candidate.index}>
                <button
                  type="button"
                  className={classes.join(' ')}
                  onClick={() => onPageChange(candidate.index + 1)}
                  aria-current={candidate.index === page - 1 ? 'step' : undefined}
                  title={words.steps.segmentTitle(candidate.index + 1, candidate.title)}
                >
                  <span className="visually-hidden">
                    {words.steps.goTo(candidate.index + 1, candidate.title)}
                    {passed(candidate.index) ? words.steps.passedSuffix : ''}
                    {solutionSeen(candidate.index) ? words.steps.solutionSuffix : ''}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </div>

      <div ref={bodyRef} className={styles.body}>
        <h2 id="titre-etape" className={styles.title}>
          {title}
        </h2>
        {step && solutionSeen(step.index) && (
          <p className={styles.solutionBadge} data-testid="solution-badge">
            {words.steps.solutionSeen}
          </p>
        )}
        {page === 0 && <p className={styles.lead}>{lab.description}</p>}
        {page === 0 && lab.timeLimitMinutes !== null && (
          <p className={styles.timeLimit}>
            {words.steps.timeLimit} <strong>{formatRemaining(lab.timeLimitMinutes * 60_000)}</strong>
            {words.steps.noExtension}
          </p>
        )}
        <CodeActions onExec={onExec}>
          <MarkdownHtml
            html={withPreviewLinks(
              step ? step.html : page === 0 ? lab.intro.html : lab.finish.html,
              session,
              session ? window.location.origin : '',
              words.preview,
            )}
          />
        </CodeActions>
        {step?.hasCheck && (
          <StepCheck check={checks[step.index]} machines={machines} onCheck={() => onCheck(step.index)} />
        )}
        {step && restore?.steps.includes(step.index) && (
          <StepRestore stepNumber={step.index + 1} enabled={restore.enabled} onRestore={() => restore.onRestore(step.index)} />
        )}
        {step && (
          <StepHelp
            key={step.index}
            stepNumber={step.index + 1}
            hintCount={step.hintCount}
            hasSolution={step.hasSolution}
            help={help.byStep[step.index]}
            machines={machines}
            pending={help.pendingStep === step.index}
            onHint={(shown) => void help.revealHint(step.index, shown)}
            onSolution={() => void help.revealSolution(step.index)}
          />
        )}
      </div>

      <nav className={styles.nav} aria-label={words.steps.navigation}>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onPageChange(page - 1)}
          disabled={page === 0}
        >
          <span aria-hidden="true">←</span> {words.steps.previous}
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => onPageChange(page + 1)}
          disabled={page === lastPage}
        >
          {words.steps.next} <span aria-hidden="true">→</span>
        </button>
      </nav>
    </section>
  );
}
