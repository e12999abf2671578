'use client';

import { useEffect, useState } from 'react';

/**
 * A window of its own signs in at once. In the LMS's iframe, Dockyard's cookie is only kept
 * over HTTPS and when the browser allows it there (a partitioned cookie): a test cookie says
 * whether it does; if not, the person opens Dockyard in a new window (the ticket works once,
 * in any window).
 */
export function LaunchContinuation({ redeemUrl }: { redeemUrl: string }) {
  const [mode, setMode] = useState<'checking' | 'new-window' | 'opened'>('checking');

  useEffect(() => {
    // Over plain HTTP the server cannot make a cookie a frame keeps (SameSite=None needs Secure).
    if (window.self === window.top || (window.location.protocol === 'https:' && framedCookiesWork())) window.location.replace(redeemUrl);
    else setMode('new-window');
  }, [redeemUrl]);

  if (mode === 'checking') return <p>Connexion en cours…</p>;
  if (mode === 'opened') return <p>Dockyard est ouvert dans une nouvelle fenêtre : continuez-y. Vous pouvez fermer ce cadre.</p>;
  return (
    <>
      <p>Votre navigateur ne garde pas la connexion de Dockyard à l’intérieur de la plateforme de cours. Ouvrez-le dans sa propre fenêtre :</p>
      <p>
        <a className="button button--primary" href={redeemUrl} target="_blank" rel="noopener" onClick={() => setMode('opened')}>
          Ouvrir dans une nouvelle fenêtre
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
