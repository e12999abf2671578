/**
 * The commands a shell script runs, each with its arguments and its place: the command word
 * of each simple command (at the start of a line, after `|`, `&&`, `;`, `(`, `then`, `do`,
 * in `$(…)`…), past variable assignments, and through the commands that run another one
 * (`sudo`, `xargs`, `timeout 5`, `env`, `nohup`, `watch`, `bash -c '…'`). Functions and
 * aliases the script defines are listed apart: calling them is no missing tool.
 *
 * Made for content:check's warnings, so it errs on the side of silence: a word only known
 * when the script runs (`$tool`, `"$@"`) is no command here, `for` lists, `case` patterns,
 * `[[ … ]]`, here-documents and quoted text are never commands.
 */
import { lexShell, type ShellToken, type ShellWord } from './shell-words';

export interface ShellCommand {
  name: string;
  args: ShellWord[];
  line: number;
  column: number;
}

export interface ScriptCommands {
  commands: ShellCommand[];
  /** Functions and aliases the script defines. */
  defined: Set<string>;
}

/** Reserved words after which a command starts. */
const LEADING_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time', 'coproc']);
/** Reserved words that end a compound command (redirections may follow). */
const CLOSING_KEYWORDS = new Set(['fi', 'done', 'esac', '}', ']]']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/;
const SEPARATORS = new Set([';', '&', '&&', '||', '|', '|&', ';;', ';&', ';;&', '(', ')', '\n']);

/**
 * Commands that run the command after them, and their options that take a value (the
 * command is the first word past options, values and `positional` words).
 */
const WRAPPERS: Record<string, { withValue: string[]; positional?: number }> = {
  sudo: { withValue: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '--user', '--group'] },
  doas: { withValue: ['-u', '-C'] },
  exec: { withValue: ['-a'] },
  nohup: { withValue: [] },
  time: { withValue: [] },
  command: { withValue: [] },
  builtin: { withValue: [] },
  setsid: { withValue: [] },
  nice: { withValue: ['-n', '--adjustment'] },
  ionice: { withValue: ['-c', '-n', '--class', '--classdata'] },
  stdbuf: { withValue: ['-i', '-o', '-e'] },
  env: { withValue: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'] },
  timeout: { withValue: ['-s', '-k', '--signal', '--kill-after'], positional: 1 },
  watch: { withValue: ['-n', '--interval'] },
  xargs: { withValue: ['-I', '-i', '-n', '-P', '-L', '-l', '-s', '-d', '-E', '-e', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--replace'] },
};
const SHELLS = new Set(['bash', 'sh', 'dash', 'zsh']);

export function findCommands(source: string, origin = { line: 1, column: 1 }): ScriptCommands {
  const result: ScriptCommands = { commands: [], defined: new Set() };
  collect(source, origin, result);
  result.commands.sort((a, b) => a.line - b.line || a.column - b.column);
  return result;
}

function collect(source: string, origin: { line: number; column: number }, result: ScriptCommands): void {
  const { tokens, embedded } = lexShell(source, origin);
  const segments = splitCommands(tokens);
  let caseDepth = 0;
  let openParens = 0;
  // In a `case`, after `in` and after each `;;`, comes a pattern (`start)`, `stop|halt)`): no command.
  let patternNext = false;
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i];
    if (!segment) continue;
    if (patternNext && segment.words[0]?.text !== 'esac') {
      if (segment.words.length === 0 && segment.terminator === '\n') continue;
      while (segments[i]?.terminator === '|') i += 1;
      patternNext = false;
      continue;
    }
    if (segment.terminator === '(') openParens += 1;
    if (segment.terminator === ')' && openParens > 0) openParens -= 1;
    const next = segments[i + 1];
    // `name() {…}`: a function definition.
    if (segment.terminator === '(' && segment.words.length === 1 && next?.words.length === 0 && next.terminator === ')') {
      result.defined.add(segment.words[0]?.text ?? '');
      openParens -= 1;
      continue;
    }
    const caseChange = simpleCommand(segment.words, result);
    caseDepth += caseChange;
    if (caseDepth > 0 && (caseChange > 0 || segment.terminator.startsWith(';;') || segment.terminator === ';&')) patternNext = true;
  }
  for (const inner of embedded) collect(inner.source, inner, result);
}

interface Segment {
  words: ShellWord[];
  terminator: string;
}

/** Simple commands, split at control operators; redirections and their targets left out. */
function splitCommands(tokens: ShellToken[]): Segment[] {
  const segments: Segment[] = [];
  let words: ShellWord[] = [];
  // Inside `[[ … ]]`, `&&`, `||` and parentheses are the test's own.
  let inTest = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (!token) continue;
    if (token.kind === 'word') {
      if (!token.quoted && token.text === '[[') inTest = true;
      if (!token.quoted && token.text === ']]') inTest = false;
      words.push(token);
    } else if (inTest && token.text !== '\n') continue;
    else if (SEPARATORS.has(token.text)) {
      segments.push({ words, terminator: token.text });
      words = [];
    } else if (tokens[i + 1]?.kind === 'word') i += 1; // a redirection's target
  }
  segments.push({ words, terminator: '' });
  return segments;
}

/** Records the command of one simple command; returns +1 when it opens a `case`, -1 when it closes one. */
function simpleCommand(words: ShellWord[], result: ScriptCommands): number {
  let caseChange = 0;
  let index = 0;
  while (index < words.length) {
    const word = words[index];
    if (!word) break;
    const keyword = word.quoted ? '' : word.text;
    if (LEADING_KEYWORDS.has(keyword)) index += 1;
    else if (CLOSING_KEYWORDS.has(keyword)) {
      if (keyword === 'esac') caseChange -= 1;
      index += 1;
    } else if (keyword === 'case') return caseChange + 1;
    else if (keyword === 'for' || keyword === 'select' || keyword === '[[' || keyword === 'in') return caseChange;
    else if (keyword === 'function') {
      result.defined.add((words[index + 1]?.text ?? '').replace(/\(\)$/, ''));
      index += 2;
    } else if (ASSIGNMENT.test(word.raw)) index += 1;
    else break;
  }
  addCommand(words.slice(index), result);
  return caseChange;
}

/** The command of `words` (its first word), and the one it runs, for wrappers and `bash -c`. */
function addCommand(words: ShellWord[], result: ScriptCommands, wrapped = false): void {
  const [first, ...args] = words;
  if (!first || first.dynamic) return;
  if (/\s/.test(first.text)) {
    // What a wrapper runs, quoted with its arguments (`watch 'docker ps'`), is a script of its own.
    if (wrapped) collect(first.text, first, result);
    return;
  }
  result.commands.push({ name: first.text, args, line: first.line, column: first.column });
  if (first.text === 'alias') {
    for (const arg of args) if (arg.text.includes('=')) result.defined.add(arg.text.slice(0, arg.text.indexOf('=')));
  }
  if (SHELLS.has(first.text)) {
    const script = args[args.findIndex((arg) => arg.text === '-c') + 1];
    if (args.some((arg) => arg.text === '-c') && script && !script.dynamic) collect(script.text, script, result);
    return;
  }
  const wrapper = WRAPPERS[first.text];
  if (!wrapper) return;
  // `command -v podman` asks whether podman exists: it runs nothing.
  if (first.text === 'command' && args.some((arg) => /^-[vV]$/.test(arg.text))) return;
  let index = 0;
  while (index < args.length) {
    const arg = args[index]?.text ?? '';
    if (arg === '--') index += 1;
    else if (arg.startsWith('-')) index += wrapper.withValue.includes(arg) ? 2 : 1;
    else if (first.text === 'env' && ASSIGNMENT.test(args[index]?.raw ?? '')) index += 1;
    else break;
    if (arg === '--') break;
  }
  addCommand(args.slice(index + (wrapper.positional ?? 0)), result, true);
}
