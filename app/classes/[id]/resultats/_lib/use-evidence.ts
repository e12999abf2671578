import { useEffect, useState } from 'react';
import { alertFromError } from '../../../../_components/error-alert';
import { useDictionary } from '../../../../_i18n/locale-provider';

/** A drill-down's record, loaded on open and again at each refresh of the dashboard. */
export function useEvidence<T>(load: () => Promise<T>, refreshedAt: string): { evidence: T | null; error: string | null } {
  const { errors } = useDictionary();
  const [evidence, setEvidence] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    load().then(
      (next) => current && (setEvidence(next), setError(null)),
      (failure: unknown) => current && setError(alertFromError(failure, errors).message),
    );
    return () => {
      current = false;
    };
  }, [load, refreshedAt]);

  return { evidence, error };
}
