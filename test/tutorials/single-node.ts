/**
 * Tutorials for one machine, written for Dockyard in the style of public beginner tutorials:
 * each a list of commands and what the student expects to read. They share one node, so
 * their names (containers, volumes, networks, ports, folders) never collide.
 */
import type { Tutorial } from './runner';

export const helloWorld: Tutorial = {
  title: 'Premiers pas : hello-world et un serveur web',
  steps: [
    { run: 'docker version', see: /Server:/ },
    { run: 'docker run hello-world', see: /Hello from Dockyard!/ },
    { run: 'docker ps -a', see: /hello-world/ },
    { run: 'docker images', see: /hello-world\s+latest/ },
    { run: 'docker run --rm alpine echo "bonjour depuis un conteneur"', see: /bonjour depuis un conteneur/ },
    { run: 'docker run -d --name premier-web -p 8080:80 nginx', see: /^[0-9a-f]{64}$/m },
    { run: 'curl -s http://localhost:8080', see: /Welcome to nginx!/, retry: 10 },
    { run: 'docker logs premier-web', see: /"GET \/ HTTP\/1\.1" 200/ },
    { run: 'docker exec premier-web ls /usr/share/nginx/html', see: /index\.html/ },
    { run: 'docker stop premier-web && docker rm premier-web', see: /premier-web/ },
    // An image that needs the internet: Dockyard's own message, not Docker Hub's DNS error.
    { run: 'docker pull nginx:0.1-introuvable', code: 1, see: /L'image nginx:0\.1-introuvable n'est pas dans le catalogue hors ligne de Dockyard/ },
    { run: 'docker run --rm mongo', code: 125, see: /L'image mongo:latest n'est pas dans le catalogue hors ligne de Dockyard/ },
  ],
};

export const imagesAndLayers: Tutorial = {
  title: 'Images et couches',
  steps: [
    { run: 'docker pull alpine', see: /alpine:latest/ },
    { run: 'docker image history alpine', see: /CREATED BY/ },
    { run: "docker image inspect alpine --format '{{len .RootFS.Layers}} couches'", see: /^\d+ couches$/m },
    {
      run: `mkdir -p ~/mon-app && cd ~/mon-app && cat >Dockerfile <<'EOF'
FROM alpine
RUN echo "Bonjour des couches" >/message.txt
CMD ["cat", "/message.txt"]
EOF`,
    },
    { run: 'cd ~/mon-app && docker build -t mon-app:1.0 .', see: /naming to docker\.io\/library\/mon-app:1\.0/ },
    { run: 'docker run --rm mon-app:1.0', see: /Bonjour des couches/ },
    { run: 'docker history mon-app:1.0', see: /RUN \/bin\/sh -c echo "Bonjour des couches"/ },
    // Built again unchanged: every step comes from the cache.
    { run: 'cd ~/mon-app && docker build -t mon-app:1.0 . 2>&1', see: /CACHED/ },
    { run: 'docker tag mon-app:1.0 mon-app:latest && docker images mon-app', see: /mon-app\s+1\.0[\s\S]*mon-app\s+latest|mon-app\s+latest[\s\S]*mon-app\s+1\.0/ },
    { run: "docker run --name couche-ecrite alpine sh -c 'echo modifié >/nouveau.txt'" },
    { run: 'docker diff couche-ecrite', see: /A \/nouveau\.txt/ },
    { run: 'docker commit couche-ecrite instantane:1', see: /sha256:/ },
    { run: 'docker run --rm instantane:1 cat /nouveau.txt', see: /modifié/ },
    { run: 'docker save -o ~/alpine.tar alpine && tar -tf ~/alpine.tar', see: /manifest\.json/ },
    { run: 'docker rm couche-ecrite && docker rmi instantane:1 mon-app:latest', see: /Untagged: instantane:1/ },
  ],
};

export const volumes: Tutorial = {
  title: 'Volumes et montages',
  steps: [
    { run: 'docker volume create donnees', see: /^donnees$/m },
    { run: "docker run --rm -v donnees:/data alpine sh -c 'echo persistant >/data/fichier.txt'" },
    // Another container, the same volume: the file outlived the first one.
    { run: 'docker run --rm -v donnees:/data alpine cat /data/fichier.txt', see: /persistant/ },
    { run: 'docker volume ls', see: /local\s+donnees/ },
    { run: 'docker volume inspect donnees', see: /"Mountpoint": "\/var\/lib\/docker\/volumes\/donnees\/_data"/ },
    { run: "mkdir -p ~/site && echo '<h1>Mon site</h1>' >~/site/index.html" },
    { run: 'docker run -d --name site-monte -p 8081:80 -v ~/site:/usr/share/nginx/html:ro nginx', see: /^[0-9a-f]{64}$/m },
    { run: 'curl -s http://localhost:8081', see: /<h1>Mon site<\/h1>/, retry: 10 },
    // Edited on the machine, served at once by the container.
    { run: "echo '<h1>Modifié</h1>' >~/site/index.html && curl -s http://localhost:8081", see: /Modifié/ },
    { run: 'docker exec site-monte touch /usr/share/nginx/html/x', code: 1, see: /Read-only file system/ },
    { run: 'docker run -d --name base -e POSTGRES_PASSWORD=secret -v pgdata:/var/lib/postgresql/data postgres', see: /^[0-9a-f]{64}$/m },
    // Typed again while the database starts (its first start initialises the volume).
    { run: `docker exec base psql -U postgres -c "CREATE TABLE IF NOT EXISTS notes (texte text); INSERT INTO notes VALUES ('gardé')"`, see: /INSERT 0 1/, retry: 60 },
    { run: 'docker rm -f base && docker run -d --name base2 -e POSTGRES_PASSWORD=secret -v pgdata:/var/lib/postgresql/data postgres' },
    { run: 'docker exec base2 psql -U postgres -tc "SELECT texte FROM notes"', see: /gardé/, retry: 60 },
    { run: 'docker run --rm --tmpfs /brouillon alpine df -h /brouillon', see: /tmpfs/ },
    { run: 'docker rm -f site-monte base2 && docker volume rm donnees pgdata', see: /pgdata/ },
  ],
};

export const bridgeNetworking: Tutorial = {
  title: 'Réseaux bridge',
  steps: [
    { run: 'docker network ls', see: /bridge\s+bridge\s+local[\s\S]*host\s+host\s+local/ },
    { run: 'ip addr show docker0', see: /inet 172\.17\.0\.1\/16/ },
    { run: 'brctl show', see: /docker0/ },
    { run: 'docker network create mon-reseau', see: /^[0-9a-f]{64}$/m },
    { run: 'docker network inspect mon-reseau', see: /"Driver": "bridge"/ },
    { run: 'docker run -d --name serveur --network mon-reseau nginx', see: /^[0-9a-f]{64}$/m },
    // On a user network, containers find each other by name (Docker's embedded DNS).
    { run: 'docker run --rm --network mon-reseau alpine ping -c 2 serveur', see: /2 packets received/ },
    { run: 'docker run --rm --network mon-reseau busybox nslookup serveur', see: /Name:\s+serveur/ },
    { run: 'docker run --rm --network mon-reseau curlimages/curl -s http://serveur', see: /Welcome to nginx!/, retry: 10 },
    // The default bridge has no DNS: the name is unknown there.
    { run: 'docker run --rm alpine ping -c 1 -W 2 serveur', code: 1, see: /bad address 'serveur'/ },
    { run: 'brctl show', see: /^br-[0-9a-f]{12}/m },
    { run: 'docker run -d --name publie -p 8082:80 nginx && sleep 1 && netstat -tln', see: /0\.0\.0\.0:8082/ },
    { run: 'iptables -t nat -L DOCKER -n', see: /dpt:8082 to:172\.17\.0\.\d+:80/ },
    { run: 'docker network connect mon-reseau publie && docker inspect publie --format "{{len .NetworkSettings.Networks}}"', see: /^2$/m },
    { run: 'docker run --rm --network host alpine ip addr show eth0', see: /inet \d+\.\d+\.\d+\.\d+/ },
    { run: 'docker rm -f serveur publie && docker network rm mon-reseau', see: /mon-reseau/ },
  ],
};

/** The tools public tutorials take for granted on a Linux machine. */
export const tools: Tutorial = {
  title: 'Les outils que supposent les tutoriels',
  steps: [
    { run: 'brctl --version', see: /bridge-utils/ },
    { run: 'ip -br addr', see: /^eth0(@\S+)?\s+UP/m },
    { run: 'ifconfig eth0', see: /inet \d+\.\d+\.\d+\.\d+/ },
    { run: 'netstat -tln', see: /:22 / },
    { run: 'dig -v 2>&1', see: /DiG 9\./ },
    { run: 'nslookup -version 2>&1', see: /nslookup 9\./ },
    { run: 'tcpdump --version', see: /tcpdump version/ },
    { run: 'timeout 5 tcpdump -i lo -c 1 icmp 2>&1 & sleep 1; ping -c 1 127.0.0.1 >/dev/null; wait', see: /1 packet captured/ },
    { run: 'python --version && python3 -c "print(6 * 7)"', see: /Python 3\.\d+[\s\S]*42/ },
    { run: `echo '{"nom": "dockyard"}' | jq -r .nom`, see: /^dockyard$/m },
    { run: 'git --version && curl --version', see: /git version[\s\S]*curl \d/ },
    { run: 'ping -c 1 localhost', see: /1 received/ },
    { run: 'hostname -i', see: /^\d+\.\d+\.\d+\.\d+\n$/ },
    { run: 'apk add curl', code: 127, see: /^Cette machine est une Debian : pas d'apk ici\. .*apt-get install <paquet>.*sans Internet/ },
  ],
};

export const singleNodeTutorials = [helloWorld, imagesAndLayers, volumes, bridgeNetworking, tools];
