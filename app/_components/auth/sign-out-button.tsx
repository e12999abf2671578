'use client';

import { useState } from 'react';
import { useDictionary } from '../../_i18n/locale-provider';
import { authApi } from '../../_lib/auth-api';

/** Signs out, then reloads the home page so that nothing of the account stays on screen. */
export function SignOutButton({ className = 'button button--secondary button--small' }: { className?: string }) {
  const [busy, setBusy] = useState(false);
  const { account } = useDictionary();
  const signOut = async () => {
    setBusy(true);
    // Even if the server could not be reached, leaving the page is what the person asked for.
    await authApi.signOut().catch(() => undefined);
    window.location.assign('/');
  };
  return (
    <button type="button" className={className} onClick={() => void signOut()} disabled={busy}>
      {busy ? account.signingOut : account.signOut}
    </button>
  );
}
