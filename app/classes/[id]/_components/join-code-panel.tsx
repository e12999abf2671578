'use client';

import { useEffect, useState } from 'react';
import { CopyButton } from '../../../_components/copy-button';
import { ClassActionButton } from '../../_components/class-action-button';
import styles from './join-code-panel.module.css';

/** The code to read aloud, the link to paste in a message, and « Nouveau code » if either leaked. */
export function JoinCodePanel({ classId, code, formattedCode }: { classId: string; code: string; formattedCode: string }) {
  const path = `/rejoindre/${code}`;
  // The address students use is the one this page was opened with (known only in the browser).
  const [link, setLink] = useState(path);
  useEffect(() => setLink(`${window.location.origin}${path}`), [path]);

  return (
    <aside className={`panel ${styles.panel}`} aria-labelledby="code-titre">
      <h2 id="code-titre">Faire rejoindre la classe</h2>
      <p className="panel-lead">Les étudiants saisissent ce code dans « Mes classes », ou ouvrent le lien.</p>
      <p className={styles.code} data-testid="join-code">
        {formattedCode}
      </p>
      <CopyButton text={formattedCode} label="Copier le code" />
      <div className={`field ${styles.link}`}>
        <label htmlFor="join-link">Lien d’invitation</label>
        <input className="input" id="join-link" value={link} readOnly onFocus={(event) => event.currentTarget.select()} />
      </div>
      <CopyButton text={link} label="Copier le lien" />
      <div className={styles.renew}>
        <ClassActionButton
          action={{ kind: 'renew-code', classId }}
          label="Nouveau code"
          confirm="Remplacer le code ? L’ancien code et l’ancien lien ne fonctionneront plus ; les étudiants déjà inscrits restent dans la classe."
        />
      </div>
    </aside>
  );
}
