/**
 * Picks the sandbox driver at start-up and says which one it picked. Docker is the only
 * driver today; a Kubernetes or microVM driver will be chosen here, by configuration.
 */
import type { Env } from './env';
import type { SandboxDriver } from '../runtime/driver';
import { DockerSandboxDriver } from '../runtime/docker/docker-driver';

export function createSandboxDriver(env: Env, log: (message: string) => void): SandboxDriver {
  const driver = new DockerSandboxDriver({ socketPath: env.DOCKER_SOCKET, instance: env.DOCKYARD_INSTANCE, subnetPool: env.DOCKYARD_SANDBOX_SUBNETS });
  log(`moteur de bacs à sable : ${driver.name} (${env.DOCKER_SOCKET}, instance « ${env.DOCKYARD_INSTANCE} »)`);
  // Said at every start so no operator mistakes this profile for a hardened one.
  log('AVERTISSEMENT : le profil des bacs à sable n’est pas encore durci (voir docs/security.md) : réservez Dockyard à des utilisateurs de confiance.');
  return driver;
}
