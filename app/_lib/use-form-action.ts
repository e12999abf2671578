'use client';

import { useCallback, useState, useSyncExternalStore, type FormEvent } from 'react';
import { alertFromError, type AlertMessage } from '../_components/error-alert';
import { useDictionary } from '../_i18n/locale-provider';

/**
 * A form that calls the API: the button is busy while it runs, and a refusal from the server
 * (its message) is shown in an alert instead of leaving the student guessing. Until
 * the page is hydrated the form is not `ready`: a click then would submit it natively, as a
 * GET that puts its fields in the address bar, so its button stays disabled.
 */
export function useFormAction(action: (form: FormData) => Promise<void>) {
  const { errors } = useDictionary();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);

  const onSubmit = useCallback(
    async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const form = event.currentTarget;
      setBusy(true);
      setAlert(null);
      try {
        await action(new FormData(form));
      } catch (error) {
        setAlert(alertFromError(error, errors));
      } finally {
        setBusy(false);
      }
    },
    [action, errors],
  );

  const ready = useSyncExternalStore(subscribeToNothing, () => true, () => false);

  return { busy, ready, alert, setAlert, dismissAlert: () => setAlert(null), onSubmit };
}

/** A text field of a submitted form ('' when absent). */
export function textOf(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

const subscribeToNothing = () => () => undefined;
