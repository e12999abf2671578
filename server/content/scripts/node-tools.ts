/**
 * What the lab machines can run: the commands of the node image, as listed by
 * runtime/images/list-node-commands.sh into runtime/images/lab-node-commands.txt (kept true
 * against a real node by test/integration/lab-test/node-commands.test.ts), and, for the
 * tools scenarios written elsewhere often call, what to do instead.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const NODE_COMMANDS_FILE = fileURLToPath(new URL('../../../runtime/images/lab-node-commands.txt', import.meta.url));

const commandName = z.string().regex(/^\S+$/, 'un nom de commande par ligne');

/** The commands of the node image, from the generated list (comments and blank lines skipped). */
export function readNodeCommands(file = NODE_COMMANDS_FILE): Set<string> {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  return new Set(z.array(commandName).parse(lines));
}

const INSTALL_INSTEAD =
  'les machines sont des Debian sans Internet : rien ne s’installe pendant un lab ; un outil indispensable s’ajoute à l’image des nœuds (runtime/images/lab-node)';

/** For tools met in scenarios written for other platforms (Killercoda's Ubuntu, Kubernetes…): what to write instead. */
const INSTEAD: Array<[string[], string]> = [
  [['podman', 'nerdctl', 'buildah'], 'utilisez docker : les mêmes sous-commandes (run, ps, build, images…) y existent'],
  [['skopeo', 'crane'], 'utilisez docker pull, docker image inspect et docker push'],
  [
    ['systemctl', 'service', 'journalctl'],
    'les machines n’ont pas systemd : dockerd y tourne déjà (inutile de le démarrer ou de le relancer), son journal est /var/log/dockerd.log',
  ],
  [
    ['kubectl', 'kubeadm', 'kubelet', 'minikube', 'kind', 'k3s', 'k3d', 'helm', 'microk8s', 'k9s', 'kustomize'],
    'pas de Kubernetes sur les machines de Dockyard : pour orchestrer, Docker Swarm (docker swarm init, docker service…) fonctionne entre les machines d’un lab',
  ],
  [['docker-compose'], 'écrivez docker compose (Compose v2, un greffon de docker)'],
  [['snap', 'yum', 'dnf', 'zypper', 'brew', 'apk'], INSTALL_INSTEAD],
  [['python', 'python2', 'python3', 'pip', 'pip3'], 'lancez-le dans un conteneur : docker run --rm python:3.11 python …'],
  [['node', 'npm', 'npx', 'yarn'], 'lancez-le dans un conteneur : docker run --rm node:18 node …'],
  [['ifconfig', 'netstat', 'route', 'arp'], 'utilisez ip (ip addr, ip route) et ss'],
  [['nc', 'netcat', 'ncat', 'telnet', 'nslookup', 'dig', 'host', 'traceroute'], 'lancez-le dans un conteneur : docker run --rm busybox nc / nslookup / traceroute …'],
  [['sudo'], 'inutile : les scripts et le terminal de l’élève sont déjà root'],
  [['htop'], 'utilisez top ou ps'],
];
const INSTEAD_OF = new Map(INSTEAD.flatMap(([tools, advice]) => tools.map((tool) => [tool, advice] as const)));

/** Why `tool` will not run on a lab machine, and what to do instead, in the author's words. */
export function missingToolMessage(tool: string): string {
  const advice = INSTEAD_OF.get(tool) ?? INSTALL_INSTEAD.replace(/^les machines sont/, 'elles sont');
  return `« ${tool} » : cette commande n’existe pas sur les machines de lab — ${advice}`;
}
