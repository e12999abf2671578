/**
 * What the driver needs on the host before it makes nodes, checked (and the firewall set) at
 * start-up: Incus answering, the node profile and storage pool made by setup-host.sh, and
 * the host firewall for session bridges (host-firewall.ts), without which Dockyard refuses
 * to start.
 */
import { EngineUnavailableError, RuntimeError } from '../errors';
import type { IncusClient } from './incus-client';
import { incusMessage, isNotFound } from './incus-errors';
import { ensureHostFirewall } from './host-firewall';

export interface RuntimeLogger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
}

const SETUP = 'lancez ./dockyard start (ou bash runtime/incus/setup-host.sh)';

export async function prepareHost(client: IncusClient, opts: { profile: string; pool: string; mirrorPort: number }): Promise<void> {
  await client.get('/1.0').catch((err: unknown) => {
    throw new EngineUnavailableError(incusMessage(err), err);
  });
  const missing = async (path: string, what: string) =>
    client.get(path).catch((err: unknown) => {
      if (!isNotFound(err)) throw err;
      throw new RuntimeError('engine_error', `${what} manque dans Incus : ${SETUP}.`, { detail: incusMessage(err) });
    });
  await missing(`/1.0/profiles/${opts.profile}`, `Le profil des nœuds « ${opts.profile} »`);
  await missing(`/1.0/storage-pools/${opts.pool}`, `Le pool de stockage « ${opts.pool} »`);
  await ensureHostFirewall(opts.mirrorPort).catch((err: unknown) => {
    throw new RuntimeError(
      'engine_error',
      "Impossible d'installer les règles de pare-feu qui tiennent les bacs à sable à l'écart de l'hôte (iptables, en root) : Dockyard ne démarre pas sans elles.",
      { detail: incusMessage(err), cause: err },
    );
  });
}
