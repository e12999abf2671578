import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchOutput } from '@/server/terminal/output-batcher';

// Fake timers: setImmediate and setTimeout run exactly when the test says, never by luck.
beforeEach(() => vi.useFakeTimers({ toFake: ['setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());
const turn = () => vi.advanceTimersByTimeAsync(0);

describe('terminal output batching', () => {
  it('sends the chunks of one turn of the event loop as one message, in order', async () => {
    const sent: string[] = [];
    let clock = 0;
    const batcher = batchOutput((text) => sent.push(text), { now: () => clock });
    for (const chunk of ['a', 'b', 'c']) batcher.push(chunk);
    expect(sent).toEqual([]);
    await turn();
    expect(sent).toEqual(['abc']);
    clock += 100;
    batcher.push('d');
    await turn();
    expect(sent).toEqual(['abc', 'd']);
  });

  it('does not hold more than its limit', () => {
    const sent: string[] = [];
    const batcher = batchOutput((text) => sent.push(text), { maxChars: 4 });
    batcher.push('12');
    batcher.push('345');
    expect(sent).toEqual(['12345']);
  });

  it('holds output that keeps streaming a few milliseconds, into bigger messages, and sends an echo after a pause at once', async () => {
    const sent: string[] = [];
    let clock = 0;
    const batcher = batchOutput((text) => sent.push(text), { now: () => clock });
    batcher.push('a');
    await turn();
    expect(sent).toEqual(['a']);
    // Right after a message: streaming, so the next turn of the loop does not send it yet.
    clock += 1;
    batcher.push('b');
    await turn();
    expect(sent).toEqual(['a']);
    batcher.push('c');
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toEqual(['a', 'bc']);
    // After a quiet moment (an echo while typing), the next turn of the loop sends it.
    clock += 100;
    batcher.push('d');
    await turn();
    expect(sent).toEqual(['a', 'bc', 'd']);
  });

  it('flushes on demand, and sends nothing when nothing is pending', async () => {
    const sent: string[] = [];
    const batcher = batchOutput((text) => sent.push(text));
    batcher.flush();
    batcher.push('x');
    batcher.flush();
    await turn();
    expect(sent).toEqual(['x']);
  });
});
