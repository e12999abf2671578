/**
 * Until December 2026 each session had an Incus bridge of its own (`dy` + 12 hex, labelled
 * user.dockyard.instance). Sessions now use routed NICs (node-instance.ts): the bridges an
 * older Dockyard left on this Incus are removed once no node uses them.
 */
import type { IncusClient } from './incus-client';
import { isNotFound } from './incus-errors';

interface IncusNetwork {
  name: string;
  managed: boolean;
  config: Record<string, string>;
  used_by: string[] | null;
}

export async function removeLegacyBridges(client: IncusClient, instance: string): Promise<void> {
  const networks = await client.get<IncusNetwork[]>('/1.0/networks?recursion=1');
  const left = networks.filter((n) => n.managed && n.config['user.dockyard.instance'] === instance && (n.used_by ?? []).length === 0);
  for (const network of left) {
    await client.run('DELETE', `/1.0/networks/${network.name}`).catch((err: unknown) => {
      if (!isNotFound(err)) throw err;
    });
  }
}
