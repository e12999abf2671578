/**
 * Picks the sandbox driver at start-up and says which one it picked. Docker is the only
 * driver today; a Kubernetes or microVM driver will be chosen here, by configuration.
 */
import path from 'node:path';
import type { Env } from './env';
import type { SandboxDriver } from '../runtime/driver';
import { DOCKER_DRIVER_DEFAULTS, DockerSandboxDriver } from '../runtime/docker/docker-driver';
import { DEFAULT_SANDBOX_IMAGE } from './content/lab';

/** How many lab sessions are running now (the warm pool's spares must leave room for them). */
export type RunningSessionCount = () => Promise<number>;

export function createSandboxDriver(env: Env, log: (message: string) => void, runningSessions: RunningSessionCount): SandboxDriver {
  const spares = () => Object.values(driver.spares()).reduce((sum, n) => sum + n, 0);
  const driver: DockerSandboxDriver = new DockerSandboxDriver({
    socketPath: env.DOCKER_SOCKET,
    instance: env.DOCKYARD_INSTANCE,
    subnetPool: env.DOCKYARD_SANDBOX_SUBNETS,
    diskDir: path.resolve(env.DOCKYARD_DATA_DIR, 'disks'),
    defaultLimits: { ...DOCKER_DRIVER_DEFAULTS.defaultLimits, diskGiB: env.DOCKYARD_NODE_DISK_GIB },
    pool: {
      size: env.DOCKYARD_POOL_SIZE,
      images: [DEFAULT_SANDBOX_IMAGE],
      hasRoom: async () => (await runningSessions()) + spares() < env.DOCKYARD_MAX_SESSIONS,
    },
  });
  log(`moteur de bacs à sable : ${driver.name} (${env.DOCKER_SOCKET}, instance « ${env.DOCKYARD_INSTANCE} », ${env.DOCKYARD_POOL_SIZE} nœud(s) en réserve)`);
  // Said at every start: what isolates students, and the limit that remains (docs/security.md).
  log(
    'isolation : chaque nœud dans son propre espace de noms utilisateur (root du nœud = uid 100000 sur l’hôte), ' +
      `disque de ${env.DOCKYARD_NODE_DISK_GIB} Gio par nœud ; le noyau de l’hôte reste partagé (voir docs/security.md).`,
  );
  return driver;
}
