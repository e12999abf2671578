/**
 * content:check's warnings about what a lab's code runs: a command the lab machines lack, or
 * something only the Internet has (a download, a package, an image outside the offline
 * catalog). Warnings, not errors: the lab still loads, and a line a student never reaches
 * breaks nothing; but a setup script that meets them goes on and leaves the lab unprepared.
 */
import { dockerImages } from './docker-images';
import { imageKey, inCatalog, isLabRegistry, parseImageReference, type ImageCatalog } from './image-catalog';
import { missingToolMessage } from './node-tools';
import { findCommands, type ShellCommand } from './shell-commands';
import type { ShellWord } from './shell-words';

export interface ScriptContext {
  /** Commands the machines have, with those the lab puts there itself (see labProvisions). */
  commands: ReadonlySet<string>;
  catalog: ImageCatalog;
  /** Images the lab builds or tags (imageKey), which it does not pull. */
  labImages: ReadonlySet<string>;
  /** The lab loads images from files (`docker load`): their names cannot be known here. */
  loadsImages: boolean;
  nodes: readonly string[];
}

export interface ScriptWarning {
  line: number;
  column: number;
  message: string;
}

/** A script file, or a command of the Markdown (`{{exec}}`): the warning says which. */
export type CodeKind = 'script' | 'command';

/** A file the lab's code puts in a folder of PATH (`/usr/local/bin/outil`): a command it brings. */
const PATH_FILE = /^\/(?:usr\/(?:local\/)?)?s?bin\/([\w.+-]+)$/;
const URL = /^(?:https?|ftp):\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^/:?#]+)/i;
const GIT_URL = /^(?:(?:https?|git|ssh):\/\/(?:[^@/]*@)?([^/:?#]+)|[\w.-]+@([\w.-]+):)/;
const APT_ONLINE = new Set(['install', 'update', 'upgrade', 'dist-upgrade', 'full-upgrade', 'reinstall', 'build-dep', 'source']);
const PACKAGE_INSTALLS: Record<string, Set<string>> = {
  pip: new Set(['install', 'download']),
  pip3: new Set(['install', 'download']),
  npm: new Set(['install', 'i', 'ci', 'add', 'update']),
  yarn: new Set(['add', 'install']),
  pnpm: new Set(['add', 'install', 'i']),
  gem: new Set(['install']),
  cargo: new Set(['install']),
  go: new Set(['get', 'install']),
};
const INSTALL_ELSEWHERE = 'rien ne s’installe pendant un lab ; un outil indispensable s’ajoute à l’image des nœuds (runtime/images/lab-node)';

/** What a lab's code brings to its machines: commands written into PATH, images it builds or tags. */
export function labProvisions(sources: readonly string[]): { commands: Set<string>; images: Set<string>; loadsImages: boolean } {
  const provided = { commands: new Set<string>(), images: new Set<string>(), loadsImages: false };
  for (const source of sources) {
    for (const command of findCommands(source).commands) {
      for (const arg of command.args) {
        const file = PATH_FILE.exec(arg.text)?.[1];
        if (file) provided.commands.add(file);
      }
      if (command.name !== 'docker') continue;
      const images = dockerImages(command.args);
      for (const made of images.made) provided.images.add(imageKey(made));
      provided.loadsImages ||= images.loads;
    }
  }
  return provided;
}

export function scriptWarnings(source: string, context: ScriptContext, kind: CodeKind, origin = { line: 1, column: 1 }): ScriptWarning[] {
  const { commands, defined } = findCommands(source, origin);
  const warnings: ScriptWarning[] = [];
  const missingReported = new Set<string>();
  const needsInternet = (at: { line: number; column: number }, what: string) =>
    warnings.push({ ...at, message: `${kind === 'script' ? 'ce script a' : 'cette commande a'} besoin d’Internet, que les machines n’ont pas : ${what}` });

  for (const command of commands) {
    if (defined.has(command.name) || command.name.includes('/')) continue;
    if (!context.commands.has(command.name)) {
      // One warning per tool and file: the first place it is called.
      if (!missingReported.has(command.name)) warnings.push({ line: command.line, column: command.column, message: missingToolMessage(command.name) });
      missingReported.add(command.name);
      continue;
    }
    for (const [at, what] of internetNeeds(command, context)) needsInternet(at, what);
  }
  return warnings;
}

type Need = [{ line: number; column: number }, string];

/** What of the Internet one command needs, each at the word that says so. */
function internetNeeds(command: ShellCommand, context: ScriptContext): Need[] {
  const { name, args } = command;
  const operands = args.filter((arg) => !arg.text.startsWith('-'));
  const needs: Need[] = [];
  if (name === 'curl' || name === 'wget') {
    for (const arg of args) {
      const host = URL.exec(arg.text)?.[1];
      if (host && !isLabHost(host, context)) needs.push([arg, `${arg.text} (${name})`]);
    }
  } else if (name === 'git' && operands[0]?.text === 'clone') {
    const url = operands.slice(1).find((arg) => GIT_URL.test(arg.text));
    const match = url && GIT_URL.exec(url.text);
    const host = match?.[1] ?? match?.[2];
    if (url && host && !isLabHost(host, context)) needs.push([url, `git clone ${url.text}`]);
  } else if ((name === 'apt-get' || name === 'apt' || name === 'aptitude') && APT_ONLINE.has(operands[0]?.text ?? '')) {
    needs.push([command, `${[name, ...operands.map((arg) => arg.text)].join(' ')} — ${INSTALL_ELSEWHERE}`]);
  } else if (PACKAGE_INSTALLS[name]?.has(operands[0]?.text ?? '') && !args.some((arg) => arg.text === '--no-index' || arg.text === '--offline')) {
    needs.push([command, `${name} ${operands[0]?.text ?? ''} — ${INSTALL_ELSEWHERE}`]);
  } else if (name === 'docker') {
    needs.push(...dockerNeeds(args, context));
  }
  return needs;
}

function dockerNeeds(args: ShellWord[], context: ScriptContext): Need[] {
  const { pulled, pushed } = dockerImages(args);
  const needs: Need[] = [];
  for (const image of pulled) {
    if (image.dynamic || context.loadsImages) continue;
    const { registry } = parseImageReference(image.text);
    if (registry !== null && isLabRegistry(registry)) continue;
    if (context.labImages.has(imageKey(image.text)) || inCatalog(image.text, context.catalog)) continue;
    needs.push([image, `l’image ${image.text} n’est pas dans le catalogue hors ligne (les images disponibles et leurs étiquettes : docs/images.md)`]);
  }
  for (const image of pushed) {
    if (image.dynamic) continue;
    const { registry } = parseImageReference(image.text);
    if (registry !== null && isLabRegistry(registry)) continue;
    needs.push([image, `docker push ${image.text} — poussez vers un registre du lab (docker run -d -p 5000:5000 registry:2, puis localhost:5000/…)`]);
  }
  return needs;
}

/** A host of the lab itself: one of its machines, this machine, a private address, a name without a domain. */
function isLabHost(host: string, context: ScriptContext): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare.includes('$') || bare.includes('{{')) return true;
  if (context.nodes.includes(bare) || bare === 'localhost' || bare === '::1' || bare === '0.0.0.0') return true;
  return isLabRegistry(bare);
}
