import { useEffect, useState } from 'react';
import { labApi } from './lab-api';

/**
 * The page a student comes back to: the first step they have not passed yet, over all their
 * sessions of the lab (a new session resumes where the last one stopped). Undefined while it
 * loads; step 1 for a visitor, a finished lab, or when the server cannot say.
 */
export function useResumePage(lab: string): number | undefined {
  const [page, setPage] = useState<number | undefined>(undefined);
  useEffect(() => {
    let current = true;
    labApi
      .progress(lab)
      .then(({ progress }) => current && setPage((progress?.resumeStep ?? 0) + 1))
      .catch(() => current && setPage(1));
    return () => {
      current = false;
    };
  }, [lab]);
  return page;
}
