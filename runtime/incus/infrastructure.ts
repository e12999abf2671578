/**
 * What the driver needs on the host before it makes nodes, checked at start-up: Incus
 * answering, the node profile and storage pool made by setup-host.sh, and the host firewall
 * that keeps nodes apart (host-firewall.sh), covering this Dockyard's subnet pool: without
 * it Dockyard refuses to start.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { EngineUnavailableError, RuntimeError } from '../errors';
import type { IncusClient } from './incus-client';
import { incusMessage, isNotFound } from './incus-errors';
import { parseCidr, formatCidr } from './subnet-pool';

const run = promisify(execFile);

export interface RuntimeLogger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
}

const SETUP = 'lancez ./dockyard start (ou bash runtime/incus/setup-host.sh)';

export async function prepareHost(client: IncusClient, opts: { profile: string; pool: string; subnetPool: string }): Promise<void> {
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
  await requireHostFirewall(opts.subnetPool);
}

/** The firewall's set of same-session /26s holds the pool's first one (nft answers an error otherwise). */
async function requireHostFirewall(subnetPool: string): Promise<void> {
  const first = formatCidr({ ...parseCidr(subnetPool), bits: 32 }).split('/')[0] ?? '';
  try {
    await run('nft', ['get', 'element', 'inet', 'dockyard', 'same_session', `{ ${first} . ${first} }`]);
  } catch (err) {
    throw new RuntimeError(
      'engine_error',
      `Le pare-feu qui tient les machines de lab à l'écart (table nftables « inet dockyard ») manque ou ne couvre pas ${subnetPool} : ${SETUP}, avec la même valeur de DOCKYARD_SANDBOX_SUBNETS. Dockyard ne démarre pas sans lui.`,
      { detail: err instanceof Error ? err.message : String(err), cause: err },
    );
  }
}
