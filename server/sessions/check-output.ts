/**
 * A check's output as it is stored and shown: a verify script says in a few lines why a step
 * passes or not, but a student controls what it prints (their files, their containers), and
 * every attempt is kept and read back by the drill-down and the grader API. So only its
 * beginning is kept, followed by a marker that says the rest was cut.
 */

/** Characters of a check's output kept (8 Ki): a few screens of explanation. */
export const CHECK_OUTPUT_MAX_CHARS = 8 * 1024;

/** Ends an output that was cut; readers see it, and `outputTruncated` says so in the views. */
export const OUTPUT_TRUNCATED_MARKER = '\n[… sortie tronquée]';

/** The output as stored: at most CHECK_OUTPUT_MAX_CHARS of it, then the marker. Cutting twice changes nothing. */
export function capCheckOutput(output: string): string {
  if (output.length <= CHECK_OUTPUT_MAX_CHARS) return output;
  if (isOutputTruncated(output) && output.length <= CHECK_OUTPUT_MAX_CHARS + OUTPUT_TRUNCATED_MARKER.length) return output;
  // Never half of a character outside the Basic Multilingual Plane (an emoji, say).
  const end = isHighSurrogate(output.charCodeAt(CHECK_OUTPUT_MAX_CHARS - 1)) ? CHECK_OUTPUT_MAX_CHARS - 1 : CHECK_OUTPUT_MAX_CHARS;
  return output.slice(0, end) + OUTPUT_TRUNCATED_MARKER;
}

export function isOutputTruncated(output: string): boolean {
  return output.endsWith(OUTPUT_TRUNCATED_MARKER);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
