/**
 * Requests a program sends its terminal and that the terminal answers by "typing" the answer
 * back: device attributes (`ESC [ c`, `ESC [ > c`), its version (`ESC [ > q`), status and
 * cursor reports (`ESC [ 5 n`, `ESC [ 6 n`), modes (`ESC [ ? … $ p`), window sizes
 * (`ESC [ 18 t`…), colours (`ESC ] 11 ; ? BEL`). tmux asks two of them each time a terminal
 * attaches to the node's shell. Replayed to a browser that reloads, a request that was
 * answered long ago would be answered again, and the answer would land in the shell as if
 * typed (`0;276;0c`): the screen kept for replays holds none of them.
 */
// eslint-disable-next-line no-control-regex -- escape sequences are control characters
const QUERY = /\x1b\[[>=]?[0-9;]*c|\x1b\[>[0-9;]*q|\x1b\[\??[0-9;]*n|\x1b\[\??[0-9;]*\$p|\x1b\[(?:1[134689]|2[012])(?:;[0-9]*)*t|\x1b\](?:1[0-9]|4;[0-9]+);\?(?:\x07|\x1b\\)/g;

export function withoutTerminalQueries(text: string): string {
  return text.includes('\x1b') ? text.replace(QUERY, '') : text;
}
