import { describe, expect, it } from 'vitest';
import { batchOutput } from '@/server/terminal/output-batcher';

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('terminal output batching', () => {
  it('sends the chunks of one turn of the event loop as one message, in order', async () => {
    const sent: string[] = [];
    const batcher = batchOutput((text) => sent.push(text));
    for (const chunk of ['a', 'b', 'c']) batcher.push(chunk);
    expect(sent).toEqual([]);
    await turn();
    expect(sent).toEqual(['abc']);
    batcher.push('d');
    await turn();
    expect(sent).toEqual(['abc', 'd']);
  });

  it('does not hold more than its limit', () => {
    const sent: string[] = [];
    const batcher = batchOutput((text) => sent.push(text), 4);
    batcher.push('12');
    batcher.push('345');
    expect(sent).toEqual(['12345']);
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
