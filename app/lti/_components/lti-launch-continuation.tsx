'use client';

import { useEffect, useState } from 'react';
import { useDictionary } from '../../_i18n/locale-provider';

/**
 * A window of its own signs in at once. In the LMS's iframe, Dockyard's cookie is only kept
 * over HTTPS and when the browser allows it there (a partitioned cookie): a test cookie says
 * whether it does; if not, the person opens Dockyard in a new window (the ticket works once,
 * in any window).
 */
export function LaunchContinuation({ redeemUrl }: { redeemUrl: string }) {
  const { lti: words } = useDictionary();
  const [mode, setMode] = useState<'checking' | 'new-window' | 'opened'>('checking');

  useEffect(() => {
    // Over plain HTTP the server cannot make a cookie a frame keeps (SameSite=None needs Secure).
    if (window.self === window.top || (window.location.protocol === 'https:' && framedCookiesWork())) window.location.replace(redeemUrl);
    else setMode('new-window');
  }, [redeemUrl]);

  if (mode === 'checking') return <p>{words.connecting}</p>;
  if (mode === 'opened') return <p>{words.openedElsewhere}</p>;
  return (
    <>
      <p>{words.cookieBlocked}</p>
      <p>
        <a className="button button--primary" href={redeemUrl} target="_blank" rel="noopener" onClick={() => setMode('opened')}>
          {words.openNewWindow}
        </a>
      </p>
    </>
  );
}

function framedCookiesWork(): boolean {
  const probe = `dockyard_lti_probe=${Date.now()}`;
  document.cookie = `${probe}; Path=/; Max-Age=30; SameSite=None; Secure; Partitioned`;
  const kept = document.cookie.includes(probe);
  document.cookie = 'dockyard_lti_probe=; Path=/; Max-Age=0; SameSite=None; Secure; Partitioned';
  return kept;
}
