import { useEffect, useState } from 'react';
import { labApi } from './lab-api';

export interface ResumePoint {
  /** The first step not passed yet; 1 for a visitor, a finished lab, or when the server cannot say. */
  page: number;
  /** Indexes of the steps passed in any session of the lab: the progress bar marks them as such. */
  passed: ReadonlySet<number>;
}

const FROM_THE_START: ResumePoint = { page: 1, passed: new Set() };

/**
 * Where a student comes back to, over all their sessions of the lab (a new session resumes
 * where the last one stopped). Asked again whenever the session changes (found after a
 * reload, started, ended), so that what was passed before is known for the session shown;
 * undefined while it loads. This session's own checks come on top (useStepChecks).
 */
export function useResumePage(lab: string, sessionId: string | null): ResumePoint | undefined {
  const key = `${lab}/${sessionId ?? ''}`;
  const [loaded, setLoaded] = useState<{ key: string; point: ResumePoint } | null>(null);
  useEffect(() => {
    let current = true;
    const settle = (point: ResumePoint) => current && setLoaded({ key, point });
    labApi
      .progress(lab)
      .then(({ progress }) =>
        settle(
          progress
            ? { page: (progress.resumeStep ?? 0) + 1, passed: new Set(progress.steps.filter((step) => step.passed).map((step) => step.index)) }
            : FROM_THE_START,
        ),
      )
      .catch(() => settle(FROM_THE_START));
    return () => {
      current = false;
    };
  }, [lab, key]);
  // A point loaded for another session is not this one's: undefined until it is asked again.
  return loaded?.key === key ? loaded.point : undefined;
}
