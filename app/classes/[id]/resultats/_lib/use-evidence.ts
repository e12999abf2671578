import { useEffect, useState } from 'react';
import { alertFromError } from '../../../../_components/error-alert';

/** A drill-down's record, loaded on open and again at each refresh of the dashboard. */
export function useEvidence<T>(load: () => Promise<T>, refreshedAt: string): { evidence: T | null; error: string | null } {
  const [evidence, setEvidence] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    load().then(
      (next) => current && (setEvidence(next), setError(null)),
      (failure: unknown) => current && setError(alertFromError(failure).message),
    );
    return () => {
      current = false;
    };
  }, [load, refreshedAt]);

  return { evidence, error };
}
