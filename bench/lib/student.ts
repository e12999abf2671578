/**
 * A student seen through the HTTP API: one cookie jar each. The server gives a new owner
 * cookie to any request without one and already treats that request as its owner's, so the
 * first POST both identifies the student and starts their session.
 */
import type { SessionView } from '../../server/sessions/session-view';

export const LAB = 'premiers-pas';

export interface ApiAnswer<T> {
  status: number;
  body: T;
  ms: number;
}

export class Student {
  constructor(
    private readonly baseUrl: string,
    private cookie?: string,
  ) {}

  /** The student's cookies, as a Cookie header (empty before their first call). */
  cookieHeader(): string {
    return this.cookie ?? '';
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed = (await response.json()) as T;
    const ms = performance.now() - started;
    const owner = response.headers.getSetCookie().find((c) => c.length > 0);
    if (owner && !this.cookie) this.cookie = owner.split(';')[0];
    return { status: response.status, body: parsed, ms };
  }

  /** Starts the student's session of the lab; throws with the server's message on refusal. */
  async startLab(): Promise<SessionView> {
    const answer = await this.call<{ session?: SessionView; message?: string; detail?: string }>('POST', `/api/labs/${LAB}/session`);
    if (answer.status !== 200 || !answer.body.session) {
      // The detail carries the engine's own words (e.g. no address pool left for a network).
      const { message, detail } = answer.body;
      throw new Error(`start refused (${answer.status}): ${message ?? 'no message'}${detail ? ` (${detail})` : ''}`);
    }
    return answer.body.session;
  }

  async endSession(id: string): Promise<void> {
    const answer = await this.call<{ message?: string }>('DELETE', `/api/sessions/${id}`);
    if (answer.status !== 200) throw new Error(`end refused (${answer.status}): ${answer.body.message ?? ''}`);
  }
}
