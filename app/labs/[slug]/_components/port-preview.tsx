'use client';

import { useId, useState, type FormEvent } from 'react';
import { useDictionary } from '../../../_i18n/locale-provider';
import { parsePort, previewUrl } from '../_lib/preview-links';
import styles from './port-preview.module.css';

/** « Aperçu d’un port » : opens, in a new tab, what a server of this machine answers on a port. */
export function PortPreview({ sessionId, node }: { sessionId: string; node: string }) {
  const { preview } = useDictionary().lab;
  const [text, setText] = useState('8080');
  const inputId = useId();
  const port = parsePort(text);
  const url = port === null ? undefined : previewUrl(sessionId, node, port);

  const open = (event: FormEvent) => {
    event.preventDefault();
    if (url) window.open(url, '_blank', 'noopener,noreferrer');
  };

  return (
    <form className={styles.preview} onSubmit={open} aria-label={preview.formLabel(node)}>
      <label className={styles.label} htmlFor={inputId}>
        {preview.label}
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
        title={preview.portTitle}
      />
      <a
        className="button button--secondary button--small"
        href={url}
        target="_blank"
        rel="noopener noreferrer"
        aria-disabled={url === undefined}
      >
        {preview.open}
      </a>
    </form>
  );
}
