'use client';

import { useEffect, useRef } from 'react';
import { CodeActions, type ExecRequest } from '../../../_components/code-actions';
import { MarkdownHtml } from '../../../_components/markdown-html';
import type { LabView } from '../_lib/lab-view';
import { withPreviewLinks, type PreviewSession } from '../_lib/preview-links';
import type { StepCheck as StepCheckState } from '../_lib/use-step-checks';
import { StepCheck } from './step-check';
import styles from './step-panel.module.css';

interface StepPanelProps {
  lab: LabView;
  /** 0 is the introduction, 1…n the steps, n + 1 the conclusion. */
  page: number;
  onPageChange(page: number): void;
  checks: Partial<Record<number, StepCheckState>>;
  canCheck: boolean;
  onCheck(step: number): void;
  onExec(request: ExecRequest): boolean;
  /** Fills `{{TRAFFIC_HOST1_8080}}` with this session's preview URLs. */
  session: PreviewSession | null;
}

export function StepPanel({ lab, page, onPageChange, checks, canCheck, onCheck, onExec, session }: StepPanelProps) {
  const stepCount = lab.steps.length;
  const lastPage = stepCount + 1;
  const step = page >= 1 && page <= stepCount ? lab.steps[page - 1] : undefined;
  const bodyRef = useRef<HTMLDivElement>(null);

  // A new page starts at its top, whatever was scrolled on the previous one.
  useEffect(() => {
    bodyRef.current?.scrollTo({ top: 0 });
  }, [page]);

  const label = step ? `Étape ${page} sur ${stepCount}` : page === 0 ? 'Introduction' : 'Conclusion';
  const title = step ? step.title : page === 0 ? 'Avant de commencer' : 'Bravo !';
  const passed = (index: number) => {
    const check = checks[index];
    return check?.status === 'done' && check.attempt.passed;
  };

  return (
    <section className={styles.panel} aria-labelledby="titre-etape">
      <div className={styles.progress}>
        <p className={styles.label}>{label}</p>
        <ol className={styles.segments} aria-label="Étapes du lab">
          {lab.steps.map((candidate) => {
            const classes = [styles.segment];
            if (passed(candidate.index)) classes.push(styles.segmentPassed);
            if (candidate.index === page - 1) classes.push(styles.segmentCurrent);
            return (
              <li key={candidate.index}>
                <button
                  type="button"
                  className={classes.join(' ')}
                  onClick={() => onPageChange(candidate.index + 1)}
                  aria-current={candidate.index === page - 1 ? 'step' : undefined}
                  title={`Étape ${candidate.index + 1} : ${candidate.title}`}
                >
                  <span className="visually-hidden">
                    Aller à l’étape {candidate.index + 1} : {candidate.title}
                    {passed(candidate.index) ? ' (validée)' : ''}
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
        {page === 0 && <p className={styles.lead}>{lab.description}</p>}
        <CodeActions onExec={onExec}>
          <MarkdownHtml
            html={withPreviewLinks(
              step ? step.html : page === 0 ? lab.introHtml : lab.finishHtml,
              session,
              session ? window.location.origin : '',
            )}
          />
        </CodeActions>
        {step?.hasCheck && (
          <StepCheck check={checks[step.index]} enabled={canCheck} onCheck={() => onCheck(step.index)} />
        )}
      </div>

      <nav className={styles.nav} aria-label="Navigation entre les étapes">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onPageChange(page - 1)}
          disabled={page === 0}
        >
          <span aria-hidden="true">←</span> Précédent
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => onPageChange(page + 1)}
          disabled={page === lastPage}
        >
          Suivant <span aria-hidden="true">→</span>
        </button>
      </nav>
    </section>
  );
}
