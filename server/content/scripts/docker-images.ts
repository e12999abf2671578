/**
 * The images a `docker` command pulls (pull, run, create) or pushes, and those it makes
 * (build -t, tag, commit, import): enough to tell an image a lab must fetch from the
 * Internet from one it builds itself or finds in the offline catalog.
 */
import type { ShellWord } from './shell-words';

/** `docker run`'s and `docker create`'s options that take a value (the image is the first word after the options). */
const RUN_VALUE_OPTIONS = new Set(
  (
    '-a --attach --add-host --annotation --blkio-weight --blkio-weight-device --cap-add --cap-drop --cgroup-parent --cgroupns --cidfile ' +
    '-c --cpu-shares --cpus --cpuset-cpus --cpuset-mems --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime --device --device-cgroup-rule ' +
    '--device-read-bps --device-read-iops --device-write-bps --device-write-iops --dns --dns-option --dns-search --domainname ' +
    '--entrypoint -e --env --env-file --expose --gpus --group-add --health-cmd --health-interval --health-retries --health-start-period ' +
    '--health-timeout -h --hostname --ip --ip6 --ipc --isolation --kernel-memory -l --label --label-file --link --link-local-ip ' +
    '--log-driver --log-opt --mac-address -m --memory --memory-reservation --memory-swap --memory-swappiness --mount --name ' +
    '--network --net --network-alias --net-alias --oom-score-adj --pid --pids-limit --platform -p --publish --pull --restart ' +
    '--runtime --security-opt --shm-size --stop-signal --stop-timeout --storage-opt --sysctl --tmpfs --ulimit -u --user --userns ' +
    '--uts -v --volume --volume-driver --volumes-from -w --workdir --detach-keys'
  ).split(' '),
);
const PULL_VALUE_OPTIONS = new Set(['--platform']);
const BUILD_TAG_OPTIONS = new Set(['-t', '--tag']);
/** `docker`'s own options before the subcommand that take a value. */
const GLOBAL_VALUE_OPTIONS = new Set(['-H', '--host', '-c', '--context', '--config', '-l', '--log-level']);

export interface DockerImages {
  /** Images the command needs from a registry, each with the word that names it. */
  pulled: ShellWord[];
  /** Images it pushes to a registry. */
  pushed: ShellWord[];
  /** Names it gives images on this machine. */
  made: string[];
  /** `docker load`: images from a file, whose names the checker cannot know. */
  loads: boolean;
}

/** The subcommand path (`run`, `container run`, `image pull`, `buildx build`…) and the words after it. */
function subcommand(args: ShellWord[]): { name: string; rest: ShellWord[] } {
  let index = 0;
  while (args[index]?.text.startsWith('-')) index += GLOBAL_VALUE_OPTIONS.has(args[index]?.text ?? '') ? 2 : 1;
  const first = args[index]?.text ?? '';
  if (['container', 'image', 'buildx', 'builder'].includes(first)) {
    return { name: `${first} ${args[index + 1]?.text ?? ''}`, rest: args.slice(index + 2) };
  }
  return { name: first, rest: args.slice(index + 1) };
}

/** The first word past the options (those in `withValue` take the next word, unless written `--opt=value`). */
function firstOperand(words: ShellWord[], withValue: ReadonlySet<string>): { word: ShellWord | undefined; after: ShellWord[] } {
  let index = 0;
  while (index < words.length) {
    const text = words[index]?.text ?? '';
    if (text === '--') return { word: words[index + 1], after: words.slice(index + 2) };
    if (!text.startsWith('-') || text === '-') break;
    index += withValue.has(text) ? 2 : 1;
  }
  return { word: words[index], after: words.slice(index + 1) };
}

/** Values of `-t name` / `--tag name` / `--tag=name` / `-tname`. */
function tagValues(words: ShellWord[]): string[] {
  return words.flatMap((word, index) => {
    const text = word.text;
    if (BUILD_TAG_OPTIONS.has(text)) return [words[index + 1]?.text ?? ''];
    const joined = /^(?:--tag=|-t)(.+)$/.exec(text);
    return joined?.[1] ? [joined[1]] : [];
  });
}

export function dockerImages(args: ShellWord[]): DockerImages {
  const found: DockerImages = { pulled: [], pushed: [], made: [], loads: false };
  const { name, rest } = subcommand(args);
  const operand = (withValue: ReadonlySet<string>) => firstOperand(rest, withValue);
  switch (name) {
    case 'run':
    case 'create':
    case 'container run':
    case 'container create': {
      const { word } = operand(RUN_VALUE_OPTIONS);
      if (word) found.pulled.push(word);
      break;
    }
    case 'pull':
    case 'image pull': {
      const { word } = operand(PULL_VALUE_OPTIONS);
      if (word) found.pulled.push(word);
      break;
    }
    case 'push':
    case 'image push': {
      const { word } = operand(new Set());
      if (word) found.pushed.push(word);
      break;
    }
    case 'build':
    case 'image build':
    case 'buildx build':
      found.made.push(...tagValues(rest));
      break;
    case 'tag':
    case 'image tag': {
      const { after } = operand(new Set());
      if (after[0]) found.made.push(after[0].text);
      break;
    }
    case 'commit':
    case 'container commit':
    case 'import':
    case 'image import': {
      const { after } = operand(new Set(['-c', '--change', '-m', '--message', '-a', '--author', '--platform']));
      if (after[0]) found.made.push(after[0].text);
      break;
    }
    case 'load':
    case 'image load':
      found.loads = true;
      break;
  }
  return found;
}
