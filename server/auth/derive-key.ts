import { createHmac } from 'node:crypto';

/** One key per use of the server secret, so that no signature made for one use is valid for another. */
export function deriveKey(secret: string, use: string): string {
  return createHmac('sha256', secret).update(`dockyard:${use}`).digest('base64url');
}
