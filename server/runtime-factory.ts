/**
 * Picks the sandbox driver at start-up and says which one it picked: lab nodes are
 * unprivileged Incus system containers (runtime/incus). A microVM driver would be chosen
 * here, by configuration.
 */
import type { Env } from './env';
import type { SandboxDriver } from '../runtime/driver';
import { INCUS_DRIVER_DEFAULTS, IncusSandboxDriver } from '../runtime/incus/incus-driver';
import { DEFAULT_SANDBOX_IMAGE } from './content/lab';
import { sessionPlaces } from './sessions/lifetime';

/** How many lab sessions are running now (the warm pool's spares must leave room for them). */
export type RunningSessionCount = () => Promise<number>;

/**
 * Several servers sharing the database (and so Incus): only the one holding the pool's lease
 * makes spares (`keepsPool`), from `keepSpares()` on (server/main.ts).
 */
export interface SpareSharing {
  shared: boolean;
  keepsPool: () => boolean;
}

export function createSandboxDriver(
  env: Env,
  log: (message: string) => void,
  runningSessions: RunningSessionCount,
  sharing: SpareSharing = { shared: false, keepsPool: () => true },
  /** Told of every node asked of the warm pool: hit or miss (server/metrics). */
  onSpareTaken?: (image: string, hit: boolean) => void,
): SandboxDriver {
  const spares = () => Object.values(driver.spares()).reduce((sum, n) => sum + n, 0);
  const driver: IncusSandboxDriver = new IncusSandboxDriver({
    socketPath: env.INCUS_SOCKET,
    instance: env.DOCKYARD_INSTANCE,
    subnetPool: env.DOCKYARD_SANDBOX_SUBNETS,
    internet: env.DOCKYARD_INTERNET === 'on',
    catalogUrl: env.DOCKYARD_PUBLIC_URL ? `${env.DOCKYARD_PUBLIC_URL.replace(/\/$/, '')}/images` : undefined,
    defaultLimits: { ...INCUS_DRIVER_DEFAULTS.defaultLimits, diskGiB: env.DOCKYARD_NODE_DISK_GIB },
    logger: { info: () => undefined, warn: (message, detail) => log(`${message} ${JSON.stringify(detail ?? {})}`) },
    spares: {
      size: env.DOCKYARD_POOL_SIZE,
      images: [DEFAULT_SANDBOX_IMAGE],
      hasRoom: async () =>
        sharing.keepsPool() &&
        (await runningSessions()) + spares() < sessionPlaces(env.DOCKYARD_MAX_SESSIONS, await driver.machines()).places,
      shared: sharing.shared,
      onTake: onSpareTaken,
    },
  });
  log(`moteur de bacs à sable : ${driver.name} (${env.INCUS_SOCKET}, instance « ${env.DOCKYARD_INSTANCE} », ${env.DOCKYARD_POOL_SIZE} nœud(s) en réserve)`);
  // Said at every start: what isolates students, and the limit that remains (docs/security.md).
  log(
    'isolation : chaque nœud est un conteneur système Incus non privilégié, avec sa propre plage d’uid sur l’hôte, ' +
      `disque de ${env.DOCKYARD_NODE_DISK_GIB} Gio par nœud ; le noyau de l’hôte reste partagé (voir docs/security.md).`,
  );
  return driver;
}
