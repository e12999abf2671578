import { describe, expect, it } from 'vitest';
import { KeyedLock } from '@/server/sessions/keyed-lock';

describe('keyed lock (two clicks on « Démarrer » make one sandbox)', () => {
  it('runs tasks of the same key one after the other, others in parallel', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`${name}:start`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`${name}:end`);
      return name;
    };
    const results = await Promise.all([lock.run('a', task('a1', 30)), lock.run('a', task('a2', 1)), lock.run('b', task('b1', 1))]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(events.indexOf('a2:start')).toBeGreaterThan(events.indexOf('a1:end'));
    expect(events.indexOf('b1:start')).toBeLessThan(events.indexOf('a1:end'));
  });

  it('keeps going after a task fails', async () => {
    const lock = new KeyedLock();
    await expect(lock.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run('k', async () => 'ok')).resolves.toBe('ok');
  });
});
