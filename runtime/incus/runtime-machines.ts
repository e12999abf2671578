/**
 * The machines that run lab nodes, as Incus sees them: this one alone (Incus not clustered),
 * or the members of its cluster. Incus decides who is up and who is in maintenance: a member
 * without heartbeat for `cluster.offline_threshold` (20 s by default) is OFFLINE, one emptied
 * by `incus cluster evacuate` is EVACUATED. Dockyard only reads its verdict (no membership
 * of its own).
 */
import type { RuntimeMachine, SandboxStatus } from '../driver';
import type { IncusClient } from './incus-client';
import type { IncusInstance } from './node-instance';

interface IncusServer {
  environment: { server_clustered: boolean; server_name: string };
}

interface IncusMember {
  server_name: string;
  /** Online, Offline, Evacuated (Blocked while an upgrade waits for the others). */
  status: string;
}

export async function runtimeMachines(client: IncusClient): Promise<RuntimeMachine[]> {
  const { environment } = await client.get<IncusServer>('/1.0');
  if (!environment.server_clustered) return [{ name: environment.server_name, state: 'online' }];
  const members = await client.get<IncusMember[]>('/1.0/cluster/members?recursion=1');
  return members.map((member) => ({ name: member.server_name, state: machineState(member.status) }));
}

function machineState(status: string): RuntimeMachine['state'] {
  if (status === 'Online') return 'online';
  if (status === 'Evacuated') return 'maintenance';
  return 'down';
}

/**
 * A node's status, its machine's state included. An instance Incus cannot reach shows as
 * « Error »: it is `unreachable` until Incus declares its member offline (then
 * `machine-down`), so that a short network blip ends nobody's lab.
 */
export function sandboxStatus(instance: Pick<IncusInstance, 'status' | 'location'>, machines: RuntimeMachine[]): SandboxStatus {
  if (instance.status === 'Running') return 'running';
  const machine = machines.find((m) => m.name === instance.location);
  if (machine?.state === 'down') return 'machine-down';
  if (machine?.state === 'maintenance') return 'maintenance';
  if (instance.status === 'Error') return 'unreachable';
  return 'stopped';
}

/** The machine a node runs on: its cluster member, or the only machine (Incus alone says « none »). */
export function machineOf(instance: Pick<IncusInstance, 'location'>, machines: RuntimeMachine[]): string {
  return machines.length === 1 && machines[0] ? machines[0].name : instance.location;
}
