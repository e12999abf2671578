'use client';

import { useEffect, useState } from 'react';
import { CopyButton } from '../../../_components/copy-button';
import { useDictionary } from '../../../_i18n/locale-provider';
import { ClassActionButton } from '../../_components/class-action-button';
import styles from './join-code-panel.module.css';

/** The code to read aloud, the link to paste in a message, and « Nouveau code » if either leaked. */
export function JoinCodePanel({ classId, code, formattedCode }: { classId: string; code: string; formattedCode: string }) {
  const { classes: words } = useDictionary();
  const path = `/rejoindre/${code}`;
  // The address students use is the one this page was opened with (known only in the browser).
  const [link, setLink] = useState(path);
  useEffect(() => setLink(`${window.location.origin}${path}`), [path]);

  return (
    <aside className={`panel ${styles.panel}`} aria-labelledby="code-titre">
      <h2 id="code-titre">{words.joinPanelTitle}</h2>
      <p className="panel-lead">{words.joinPanelText}</p>
      <p className={styles.code} data-testid="join-code">
        {formattedCode}
      </p>
      <CopyButton text={formattedCode} label={words.copyCode} />
      <div className={`field ${styles.link}`}>
        <label htmlFor="join-link">{words.inviteLink}</label>
        <input className="input" id="join-link" value={link} readOnly onFocus={(event) => event.currentTarget.select()} />
      </div>
      <CopyButton text={link} label={words.copyLink} />
      <div className={styles.renew}>
        <ClassActionButton
          action={{ kind: 'renew-code', classId }}
          label={words.renewCode}
          confirm={words.confirmRenew}
        />
      </div>
    </aside>
  );
}
