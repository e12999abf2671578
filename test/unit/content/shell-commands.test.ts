// The command words content:check finds in a lab's scripts: those a shell would run, and
// nothing that is data (quoted text, here-documents, for lists, case patterns, arrays).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRunnableCode } from '@/server/content/scripts/runnable-code';
import { findCommands } from '@/server/content/scripts/shell-commands';
import { readNodeCommands } from '@/server/content/scripts/node-tools';

const names = (script: string) => findCommands(script).commands.map((command) => command.name);

describe('findCommands', () => {
  it('finds command words at the start of a line and after | && || ; & ( $( ` then do !', () => {
    expect(names('podman ps | grep x && kubectl get pods; helm ls & (snap list)\nif ! k3s; then kind; fi')).toEqual([
      'podman', 'grep', 'kubectl', 'helm', 'snap', 'k3s', 'kind',
    ]);
    expect(names('x=$(minikube ip) && echo "ip: `k3d version`"')).toEqual(['minikube', 'echo', 'k3d']);
    expect(names('while read -r line; do skopeo inspect "$line"; done < list')).toEqual(['read', 'skopeo']);
  });

  it('looks through sudo, xargs, timeout, env, nohup, watch and bash -c', () => {
    expect(names('sudo -u root podman ps')).toEqual(['sudo', 'podman']);
    expect(names('echo a | xargs -I {} helm get {}')).toEqual(['echo', 'xargs', 'helm']);
    expect(names('timeout -s KILL 5 kubectl wait')).toEqual(['timeout', 'kubectl']);
    expect(names('env A=1 B=2 nohup minikube start')).toEqual(['env', 'nohup', 'minikube']);
    expect(names("watch -n 1 'kubectl get pods | grep Running'")).toEqual(['watch', 'kubectl', 'grep']);
    expect(names('bash -c "systemctl restart docker"')).toEqual(['bash', 'systemctl']);
  });

  it('skips assignments, redirections and keywords, and gives each command its place', () => {
    const [command] = findCommands('\n  A=1 B="x y" 2>/dev/null podman run nginx >out').commands;
    expect(command).toMatchObject({ name: 'podman', line: 2, column: 27 });
    expect(command?.args.map((arg) => arg.text)).toEqual(['run', 'nginx']);
  });

  it('never takes data for commands: quotes, comments, here-documents, for lists, case patterns, [[ ]], arrays', () => {
    const script = [
      'echo "podman is not here" # kubectl neither',
      "cat > /etc/x <<'EOF'",
      'systemctl restart docker',
      'EOF',
      'for tool in podman helm; do echo "$tool"; done',
      'case "$1" in',
      '  start) echo go ;;',
      '  stop|halt) echo stop ;;',
      'esac',
      '[[ -n "$x" && -z "$y" ]] && echo ok',
      'missing+=("web doit être construit (build: .)")',
      'problems=(one two)',
      'n=$((1 + 2)); ((n++))',
    ].join('\n');
    expect(names(script)).toEqual(['echo', 'cat', 'echo', 'echo', 'echo', 'echo']);
  });

  it('lists the functions and aliases a script defines; command -v runs nothing; variables are unknown', () => {
    const { commands, defined } = findCommands('prepare() { echo; }\nfunction clean { :; }\nalias k=kubectl\ncommand -v podman\n"$tool" run\n$DOCKER ps');
    expect([...defined]).toEqual(['prepare', 'clean', 'k']);
    expect(commands.map((command) => command.name)).toEqual(['echo', ':', 'alias', 'command']);
  });
});

describe('findRunnableCode', () => {
  it('takes {{exec}} blocks and inline code, and {{copy}} blocks of shell, at their line', () => {
    const markdown = [
      'Texte `docker ps`{{exec}} et `nginx:1.22`{{copy}}.', // 1
      '```', // 2
      'podman ps', // 3
      '```{{exec}}', // 4
      '```bash', // 5
      'kubectl apply -f x.yaml', // 6
      '```{{copy}}', // 7
      '```', // 8
      'server { listen 80; }', // 9
      '```{{copy}}', // 10
      '```bash', // 11
      'snap install microk8s', // 12
      '```', // 13
    ].join('\n');
    expect(findRunnableCode(markdown)).toEqual([
      { source: 'docker ps', line: 1, column: 8 },
      { source: 'podman ps', line: 3, column: 1 },
      { source: 'kubectl apply -f x.yaml', line: 6, column: 1 },
    ]);
  });
});

describe('the real labs', () => {
  it('call only commands the lab machines have, or that the lab defines itself', () => {
    const machines = readNodeCommands();
    const labs = path.resolve('content/labs');
    const files = readdirSync(labs, { recursive: true, encoding: 'utf8' }).map((file) => path.join(labs, file));
    const unknown = files.flatMap((file) => {
      const sources = file.endsWith('.sh') ? [readFileSync(file, 'utf8')] : file.endsWith('.md') ? findRunnableCode(readFileSync(file, 'utf8')).map((code) => code.source) : [];
      return sources.flatMap((source) => {
        const { commands, defined } = findCommands(source);
        return commands.filter((command) => !machines.has(command.name) && !defined.has(command.name)).map((command) => `${file}:${command.line} ${command.name}`);
      });
    });
    expect(unknown).toEqual([]);
  });
});
