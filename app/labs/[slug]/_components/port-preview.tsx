'use client';

import { useId, useState, type FormEvent } from 'react';
import { parsePort, previewUrl } from '../_lib/preview-links';
import styles from './port-preview.module.css';

/** « Aperçu d’un port » : opens, in a new tab, what a server of this machine answers on a port. */
export function PortPreview({ sessionId, node }: { sessionId: string; node: string }) {
  const [text, setText] = useState('8080');
  const inputId = useId();
  const port = parsePort(text);
  const url = port === null ? undefined : previewUrl(sessionId, node, port);

  const open = (event: FormEvent) => {
    event.preventDefault();
    if (url) window.open(url, '_blank', 'noopener,noreferrer');
  };

  return (
    <form className={styles.preview} onSubmit={open} aria-label={`Aperçu d’un port de ${node}`}>
      <label className={styles.label} htmlFor={inputId}>
        Aperçu d’un port
      </label>
      <input
        id={inputId}
        className={styles.port}
        inputMode="numeric"
        pattern="[0-9]*"
        maxLength={5}
        value={text}
        onChange={(event) => setText(event.target.value)}
        aria-invalid={port === null}
        title="Un port de 1 à 65535 sur lequel votre serveur écoute"
      />
      <a
        className="button button--secondary button--small"
        href={url}
        target="_blank"
        rel="noopener noreferrer"
        aria-disabled={url === undefined}
      >
        Ouvrir
      </a>
    </form>
  );
}
