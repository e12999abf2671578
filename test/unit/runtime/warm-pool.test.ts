/** The warm pool tells of every take whether a spare was ready (the metrics' hits and misses). */
import { describe, expect, it } from 'vitest';
import { WarmPool } from '@/runtime/warm-pool';

const IMAGE = 'dockyard/node:latest';

describe('the warm pool’s takes', () => {
  it('are hits while a spare is ready, misses otherwise', async () => {
    const takes: Array<[string, boolean]> = [];
    let made = 0;
    const pool = new WarmPool({
      size: 1,
      images: [IMAGE],
      hasRoom: async () => true,
      make: async () => `spare-${++made}`,
      refillDelayMs: 60_000,
      onTake: (image, hit) => takes.push([image, hit]),
      log: () => undefined,
    });
    pool.start();
    await expect.poll(() => pool.counts()[IMAGE]).toBe(1);
    expect(pool.take(IMAGE)).toBe('spare-1');
    expect(pool.take(IMAGE)).toBeUndefined();
    expect(pool.take(IMAGE, () => false)).toBeUndefined();
    expect(takes).toEqual([
      [IMAGE, true],
      [IMAGE, false],
      [IMAGE, false],
    ]);
    await pool.stop();
  });
});
