'use client';

import { useState } from 'react';
import { useDictionary } from '../_i18n/locale-provider';
import { copyToClipboard } from '../_lib/copy-to-clipboard';

const COPIED_MS = 1500;

/**
 * « Copier … », then « Copié ✓ » for a moment once the text is on the clipboard. `of` names
 * what is copied for screen readers, where several such buttons sit side by side (RGAA 6.1).
 */
export function CopyButton({ text, label, of }: { text: string; label: string; of?: string }) {
  const { copyButton } = useDictionary();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!(await copyToClipboard(text))) return;
    setCopied(true);
    setTimeout(() => setCopied(false), COPIED_MS);
  };
  return (
    <button
      type="button"
      className="button button--secondary button--small"
      aria-label={of && !copied ? `${label} : ${of}` : undefined}
      onClick={() => void copy()}
    >
      {copied ? copyButton.copied : label}
    </button>
  );
}
