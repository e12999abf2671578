/**
 * Tutorials for a three-machine session (node1, node2, node3), written for Dockyard in the
 * style of public Swarm tutorials. Each starts from machines outside any swarm and forms its
 * own, as those tutorials do, in a session of its own.
 */
import type { Step, Tutorial } from './runner';

/** The canonical start: a manager advertising `hostname -i`, two workers joining it. */
export const formSwarm: Step[] = [
  { run: 'docker swarm init --advertise-addr $(hostname -i)', see: /Swarm initialized: current node \(\w+\) is now a manager/ },
  // The join command the manager printed, typed on each worker: its address is node1's `hostname -i`.
  ...['node2', 'node3'].map((on) => ({
    on,
    run: 'docker swarm join --token $(ssh node1 docker swarm join-token -q worker) $(ssh node1 hostname -i):2377',
    see: /This node joined a swarm as a worker\./,
  })),
  { run: 'docker node ls', see: /node1\s+Ready\s+Active\s+Leader[\s\S]*/, notSee: /Down|Unknown/ },
  { run: 'docker node ls --format "{{.Hostname}} {{.Status}}" | sort', see: /^node1 Ready\nnode2 Ready\nnode3 Ready\n$/, retry: 20 },
];

/** Where the running tasks of a service are, one node name a line. */
const placement = (service: string) =>
  `docker service ps ${service} --filter desired-state=running --format '{{.Node}} {{.CurrentState}}'`;

export const swarmBasics: Tutorial = {
  title: 'Swarm : init, join, service, scale, drain',
  steps: [
    ...formSwarm,
    { run: 'docker info --format "{{.Swarm.LocalNodeState}} {{.Swarm.Nodes}} nœuds"', see: /^active 3 nœuds$/m },
    { on: 'node2', run: 'docker node ls', code: 1, see: /This node is not a swarm manager/ },
    { run: 'docker service create --name bonjour --replicas 1 alpine ping 127.0.0.1', see: /verify: Service \w+ converged/ },
    { run: 'docker service ls', see: /bonjour\s+replicated\s+1\/1\s+alpine:latest/ },
    { run: 'docker service inspect --pretty bonjour', see: /Replicas:\s+1/ },
    { run: 'docker service ps bonjour', see: /bonjour\.1\s+alpine:latest\s+node\d\s+Running\s+Running/ },
    { run: 'docker service logs --tail 1 bonjour', see: /64 bytes from 127\.0\.0\.1/, retry: 10 },
    { run: 'docker service scale bonjour=6', see: /bonjour scaled to 6[\s\S]*converged/ },
    { run: `${placement('bonjour')} | cut -d' ' -f1 | sort -u`, see: /^node1\nnode2\nnode3\n$/ },
    { run: 'docker node update --availability drain node2', see: /^node2$/m },
    { run: 'docker node inspect --pretty node2', see: /Availability:\s+Drain/ },
    // The drained node's tasks start again elsewhere.
    { run: `${placement('bonjour')} | grep -c Running`, see: /^6$/m, notSee: /node2/, retry: 30 },
    { run: placement('bonjour'), notSee: /node2/ },
    { run: 'docker node update --availability active node2 && docker node ls', see: /node2\s+Ready\s+Active/ },
    { run: 'docker service create --name vitrine --replicas 3 --update-delay 1s nginx:1.22', see: /converged/ },
    { run: 'docker service update --image nginx:alpine vitrine', see: /converged/ },
    { run: 'docker service ps vitrine', see: /Shutdown[\s\S]*nginx:1\.22|nginx:1\.22[\s\S]*Shutdown/ },
    { run: 'docker service rollback vitrine', see: /rollback: manually requested rollback/ },
    { run: 'docker service rm bonjour vitrine', see: /bonjour\nvitrine/ },
    { on: 'node3', run: 'docker swarm leave', see: /Node left the swarm\./ },
    { run: 'docker node ls --format "{{.Hostname}} {{.Status}}"', see: /node3 Down/, retry: 20 },
  ],
};

export const overlayNetworking: Tutorial = {
  title: 'Réseaux overlay entre machines',
  steps: [
    ...formSwarm,
    { run: 'docker network ls --filter driver=overlay', see: /ingress\s+overlay\s+swarm/ },
    { run: 'docker network create -d overlay --attachable mon-overlay', see: /^\w{25}$/m },
    { run: 'docker network ls', see: /mon-overlay\s+overlay\s+swarm/ },
    // The default endpoint mode (a virtual IP) needs IPVS, which these machines lack: Dockyard says so.
    { run: 'docker service create --name api --network mon-overlay --replicas 3 nginx', see: /converged[\s\S]*--endpoint-mode dnsrr/ },
    { run: 'docker service rm api' },
    { run: 'docker service create --name api --network mon-overlay --replicas 3 --endpoint-mode dnsrr nginx', see: /converged/, notSee: /Remarque de Dockyard/ },
    { run: `${placement('api')} | cut -d' ' -f1 | sort -u`, see: /^node1\nnode2\nnode3\n$/ },
    // A container on node2 reaches the service, its tasks on every machine, by name (typed
    // again while the nodes gossip the service's names: seconds after it converged).
    { on: 'node2', run: 'docker run --rm --network mon-overlay curlimages/curl -s http://api', see: /Welcome to nginx!/, retry: 30 },
    { on: 'node2', run: 'docker run --rm --network mon-overlay busybox nslookup tasks.api', see: /(Address: 10\.\d+\.\d+\.\d+[\s\S]*){3}/, retry: 30 },
    { on: 'node3', run: 'docker run -d --name sonde --network mon-overlay alpine sleep 600', see: /^[0-9a-f]{64}$/m },
    { on: 'node2', run: 'docker run --rm --network mon-overlay alpine ping -c 2 sonde', see: /2 packets received/ },
    { on: 'node2', run: 'ip -br link', see: /docker_gwbridge/ },
    { run: 'docker network inspect mon-overlay --format "{{.Driver}} {{.Scope}}"', see: /^overlay swarm$/m },
  ],
};

const composeIngress = `services:
  web:
    image: nginx:alpine
    ports:
      - "8080:80"
    deploy:
      replicas: 2
  cache:
    image: redis:7-alpine
`;

/** The same site, published on each node that runs a task (no IPVS needed), on every node. */
const composeHost = `services:
  web:
    image: nginx:alpine
    ports:
      - target: 80
        published: 8080
        mode: host
    deploy:
      mode: global
      endpoint_mode: dnsrr
  cache:
    image: redis:7-alpine
    deploy:
      endpoint_mode: dnsrr
`;

const write = (file: string, text: string) => `cat >${file} <<'EOF'\n${text}EOF`;

/**
 * `docker stack rm` returns before the tasks stop, and fails on a network a stopping task still
 * uses (moby/moby#30942): the student types it again, and the second one removes the network.
 */
const removeStack: Step = { run: 'docker stack rm boutique', see: /Removing (service|network) boutique_/, retry: 30 };

export const stackDeploy: Tutorial = {
  title: 'Une stack depuis un fichier Compose',
  steps: [
    ...formSwarm,
    { run: write('docker-compose.yml', composeIngress) },
    { run: 'docker stack deploy -c docker-compose.yml boutique', see: /Creating network boutique_default[\s\S]*Creating service boutique_web/ },
    { run: 'docker stack ls', see: /boutique\s+2/ },
    { run: 'docker stack services boutique', see: /boutique_web\s+replicated\s+2\/2/, retry: 60 },
    { run: 'docker stack ps boutique', see: /boutique_cache\.1\s+redis:7-alpine/ },
    { run: write('docker-compose.yml', composeHost) },
    // Ports and endpoint mode change: the stack is deployed anew (its network goes away first).
    removeStack,
    { run: 'docker stack deploy -c docker-compose.yml boutique', see: /Creating service boutique_web/, notSee: /Remarque de Dockyard/, retry: 30 },
    { run: 'docker stack services boutique', see: /boutique_web\s+global\s+3\/3/, retry: 60 },
    ...['node1', 'node2', 'node3'].map((on) => ({ on, run: 'curl -s http://localhost:8080', see: /Welcome to nginx!/, retry: 20 })),
    { on: 'node2', run: 'docker exec $(docker ps -qf name=boutique_web) ping -c 1 cache', see: /1 packets received/, retry: 30 },
    removeStack,
  ],
};

export const swarmTutorials = [swarmBasics, overlayNetworking, stackDeploy];
