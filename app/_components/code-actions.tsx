'use client';

import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import { useDictionary } from '../_i18n/locale-provider';
import { copyToClipboard } from '../_lib/copy-to-clipboard';

export interface ExecRequest {
  command: string;
  /** Send Ctrl-C first ({{exec interrupt}}). */
  interrupt: boolean;
}

const FEEDBACK_MS = 1500;
const ACTION_SOURCE = '[data-exec], [data-copy]';

/**
 * Hooks the Killercoda actions rendered by server/content (see markdown/code-block.ts) with one
 * delegated listener: the Markdown HTML is not React's, so its buttons have no handlers.
 * Without `onExec` (lesson pages, no terminal), « Exécuter » blocks copy instead. `onExec`
 * returns whether the command reached the terminal. The server renders the buttons' words in
 * French, once for every reader; they are reworded here in the reader's language.
 */
export function CodeActions({ children, onExec }: { children: ReactNode; onExec?: (request: ExecRequest) => boolean }) {
  const { codeActions } = useDictionary();
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    for (const button of container.current?.querySelectorAll<HTMLElement>('button[data-code-action]') ?? []) {
      const action = button.dataset.codeAction === 'exec' ? 'exec' : 'copy';
      button.title = action === 'exec' ? codeActions.execTitle : codeActions.copyTitle;
      if (button.classList.contains('code-block__button') && !button.dataset.feedback) button.textContent = codeActions[action];
    }
  }, [codeActions, children]);
  const handleClick = (event: MouseEvent<HTMLDivElement>) => {
    if (!(event.target instanceof Element)) return;
    const trigger = event.target.closest<HTMLElement>(`button[data-code-action], ${ACTION_SOURCE}`);
    if (!trigger) return;
    // Clicking a block runs it, unless the reader was selecting text in it.
    if (trigger.tagName === 'PRE' && window.getSelection()?.toString()) return;
    const source = trigger.matches(ACTION_SOURCE)
      ? trigger
      : trigger.closest('.code-block')?.querySelector<HTMLElement>(ACTION_SOURCE);
    if (!source) return;
    event.preventDefault();

    const button = trigger.tagName === 'BUTTON' ? trigger : source.parentElement?.querySelector<HTMLElement>('button');
    const { exec, copy, interrupt } = source.dataset;
    if (exec !== undefined && onExec) {
      if (onExec({ command: exec, interrupt: interrupt === 'true' })) showFeedback(button, codeActions.sent);
      return;
    }
    void copyToClipboard(exec ?? copy ?? '').then((copied) => showFeedback(button, copied ? codeActions.copied : codeActions.copyFailed));
  };

  return (
    <div ref={container} onClick={handleClick}>
      {children}
    </div>
  );
}

/** Briefly replaces a block button's label; inline buttons only get the data attribute (styled). */
function showFeedback(button: HTMLElement | null | undefined, label: string) {
  if (!button || button.dataset.feedback) return;
  const isBlockButton = button.classList.contains('code-block__button');
  const original = button.textContent;
  button.dataset.feedback = label;
  if (isBlockButton) button.textContent = label;
  window.setTimeout(() => {
    delete button.dataset.feedback;
    if (isBlockButton) button.textContent = original;
  }, FEEDBACK_MS);
}
