'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { alertFromError } from '../_components/error-alert';
import { useDictionary } from '../_i18n/locale-provider';

/**
 * A one-click change through the API (remove, renew, disable…): busy while it runs, then the
 * page's server data reloads (or another page opens); a refusal keeps its message
 * for display beside the control.
 */
export function useApiAction() {
  const router = useRouter();
  const { errors } = useDictionary();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (request: () => Promise<unknown>, thenGoTo?: string) => {
    setBusy(true);
    setError(null);
    try {
      await request();
      if (thenGoTo) router.push(thenGoTo);
      router.refresh();
    } catch (failure) {
      setError(alertFromError(failure, errors).message);
    } finally {
      setBusy(false);
    }
  };

  return { busy, error, run };
}
