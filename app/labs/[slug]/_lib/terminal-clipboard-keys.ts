import type { Terminal } from '@xterm/xterm';
import { copyToClipboard } from '../../../_lib/copy-to-clipboard';

/**
 * Terminal shortcuts for the clipboard. Ctrl+C must stay an interrupt, so copying is
 * Ctrl+Shift+C. For Ctrl+V and Ctrl+Shift+V, xterm is told to ignore the key so that the
 * browser fires a real paste event, which xterm handles (bracketed paste included);
 * otherwise Ctrl+V would reach the shell as ^V.
 */
export function installClipboardKeys(terminal: Terminal): void {
  terminal.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown' || !event.ctrlKey || event.altKey || event.metaKey) return true;
    const key = event.key.toLowerCase();
    if (key === 'v') return false;
    if (key === 'c' && event.shiftKey) {
      if (terminal.hasSelection()) void copyToClipboard(terminal.getSelection());
      event.preventDefault();
      return false;
    }
    return true;
  });
}
