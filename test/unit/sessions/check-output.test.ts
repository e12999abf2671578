import { describe, expect, it } from 'vitest';
import { capCheckOutput, CHECK_OUTPUT_MAX_CHARS, isOutputTruncated, OUTPUT_TRUNCATED_MARKER } from '@/server/sessions/check-output';

describe('a check’s stored output', () => {
  it('is kept whole up to the cap', () => {
    const output = 'x'.repeat(CHECK_OUTPUT_MAX_CHARS);
    expect(capCheckOutput(output)).toBe(output);
    expect(isOutputTruncated(capCheckOutput('aucun conteneur hello-world'))).toBe(false);
  });

  it('is cut past the cap, and then ends with the « sortie tronquée » marker', () => {
    const capped = capCheckOutput('début ' + 'x'.repeat(100_000));
    expect(capped).toHaveLength(CHECK_OUTPUT_MAX_CHARS + OUTPUT_TRUNCATED_MARKER.length);
    expect(capped.startsWith('début ')).toBe(true);
    expect(capped.endsWith('\n[… sortie tronquée]')).toBe(true);
    expect(isOutputTruncated(capped)).toBe(true);
  });

  it('is not cut again when read back (attempts stored before the cap are cut when read)', () => {
    const capped = capCheckOutput('y'.repeat(65_536));
    expect(capCheckOutput(capped)).toBe(capped);
    const beforeAnEmoji = capCheckOutput('z'.repeat(CHECK_OUTPUT_MAX_CHARS - 1) + '🐳'.repeat(10));
    expect(capCheckOutput(beforeAnEmoji)).toBe(beforeAnEmoji);
  });

  it('never keeps half of a character', () => {
    const capped = capCheckOutput('z'.repeat(CHECK_OUTPUT_MAX_CHARS - 1) + '🐳'.repeat(10));
    expect(capped).toBe('z'.repeat(CHECK_OUTPUT_MAX_CHARS - 1) + OUTPUT_TRUNCATED_MARKER);
  });
});
