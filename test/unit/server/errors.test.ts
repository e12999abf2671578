import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NotFoundError, toEnvelope } from '@/server/errors';
import { parseEnv } from '@/server/env';

describe('one error envelope at the edge', () => {
  it('keeps the status and French message of typed errors', () => {
    expect(toEnvelope(new NotFoundError('Ce lab n’existe pas.'))).toEqual({
      status: 404,
      body: { message: 'Ce lab n’existe pas.' },
    });
  });

  it('lists each invalid field of a zod error', () => {
    const result = z.object({ step: z.number() }).safeParse({ step: 'deux' });
    const { status, body } = toEnvelope(result.error);
    expect(status).toBe(400);
    expect(body.validations?.[0]?.path).toBe('step');
  });

  it('hides the internals of unexpected errors', () => {
    const { status, body } = toEnvelope(new Error('ECONNREFUSED 10.0.0.1:5432 password=hunter2'));
    expect(status).toBe(500);
    expect(body.message).not.toMatch(/hunter2|ECONNREFUSED/);
  });
});

describe('configuration', () => {
  it('has defaults that start a working Dockyard', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DOCKYARD_IDLE_TIMEOUT_MINUTES).toBe(30);
  });

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ PORT: 'quatre' })).toThrow(/PORT/);
    expect(() => parseEnv({ DOCKYARD_SECRET: 'court' })).toThrow(/DOCKYARD_SECRET/);
  });
});
