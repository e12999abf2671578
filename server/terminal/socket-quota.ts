/**
 * Terminal sockets open per user, counted from the handshake (before the socket exists, so
 * that a burst of simultaneous handshakes cannot all slip under the limit) until the socket
 * or its connection closes, whichever comes first.
 */
import type { Socket } from 'socket.io';
import { TooManyRequestsError } from '../errors';

export class SocketQuota {
  private readonly open = new Map<string, number>();

  constructor(private readonly maxPerUser: number) {}

  /** Counts `socket` for `userId`, or throws a 429 when they already hold the maximum. */
  claim(userId: string, socket: Socket): void {
    const count = this.open.get(userId) ?? 0;
    if (count >= this.maxPerUser) {
      throw new TooManyRequestsError(
        `Trop de terminaux ouverts en même temps (${this.maxPerUser} au plus) : fermez des onglets de lab, puis cliquez sur « Reconnecter ».`,
      );
    }
    this.open.set(userId, count + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (this.open.get(userId) ?? 1) - 1;
      if (left > 0) this.open.set(userId, left);
      else this.open.delete(userId);
    };
    // A socket refused later (or whose client left during the handshake) never emits
    // 'disconnect': its connection's close still releases it.
    socket.once('disconnect', release);
    socket.conn.once('close', release);
  }

  /** Sockets `userId` holds open now. */
  count(userId: string): number {
    return this.open.get(userId) ?? 0;
  }
}
