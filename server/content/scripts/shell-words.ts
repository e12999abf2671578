/**
 * A shell script cut into words and operators, enough to find the commands it runs (see
 * shell-commands.ts) — not a shell parser. It knows quotes, escapes, comments, line
 * continuations, here-documents (their body is data, skipped), `$(…)` and backticks (their
 * text is scanned as a script of its own, at its place), `$((…))`, `${…}` and `((…))`
 * (arithmetic and parameters: no commands).
 */

export interface ShellWord {
  kind: 'word';
  /** The word with its quotes and escapes removed; expansions kept as written (`$x`). */
  text: string;
  /** True when part of it is only known when the script runs ($x, $(…), globs are not). */
  dynamic: boolean;
  /** True when any part of it was quoted (`"then"` is no keyword). */
  quoted: boolean;
  /** The word as written in the script. */
  raw: string;
  line: number;
  column: number;
}

export interface ShellOperator {
  kind: 'operator';
  /** `;` `&` `&&` `|` `||` `|&` `;;` `(` `)` a newline as `\n`, or a redirection (`>`, `2>>`, `<<<`…). */
  text: string;
  line: number;
  column: number;
}

export type ShellToken = ShellWord | ShellOperator;

/** A script inside the script: a command substitution, with where it starts. */
export interface EmbeddedScript {
  source: string;
  line: number;
  column: number;
}

export interface LexedScript {
  tokens: ShellToken[];
  embedded: EmbeddedScript[];
}

const REDIRECTION = /^(?:\d*|&)(?:>>|>&|>\||<<<|<<-|<<|<&|<>|>|<)/;
const ARRAY_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=$/;
const CONTROL = /^(?:;;&|;;|;&|&&|\|\||\|&|[;&|()])/;

export function lexShell(source: string, origin = { line: 1, column: 1 }): LexedScript {
  return new Lexer(source, origin).run();
}

class Lexer {
  private index = 0;
  private line: number;
  private column: number;
  private readonly tokens: ShellToken[] = [];
  private readonly embedded: EmbeddedScript[] = [];
  /** Here-document delimiters met on the current line: their bodies start on the next one. */
  private pendingHeredocs: { delimiter: string; stripTabs: boolean }[] = [];

  constructor(
    private readonly source: string,
    origin: { line: number; column: number },
  ) {
    this.line = origin.line;
    this.column = origin.column;
  }

  run(): LexedScript {
    while (this.index < this.source.length) {
      const char = this.source[this.index] ?? '';
      if (char === '\n') {
        this.operator('\n', 1);
        this.skipHeredocBodies();
      } else if (char === ' ' || char === '\t' || char === '\r') this.advance(1);
      else if (char === '\\' && this.source[this.index + 1] === '\n') this.advance(2);
      else if (char === '#') this.skipComment();
      else if (this.source.startsWith('((', this.index) && this.atCommandStart()) this.skipBalanced('((', '))');
      else if (this.tryRedirection() || this.tryControl()) continue;
      else this.word();
    }
    return { tokens: this.tokens, embedded: this.embedded };
  }

  private rest(): string {
    return this.source.slice(this.index);
  }

  private advance(count: number): void {
    for (let i = 0; i < count && this.index < this.source.length; i += 1) {
      if (this.source[this.index] === '\n') {
        this.line += 1;
        this.column = 1;
      } else this.column += 1;
      this.index += 1;
    }
  }

  private operator(text: string, length: number): void {
    this.tokens.push({ kind: 'operator', text, line: this.line, column: this.column });
    this.advance(length);
  }

  private atCommandStart(): boolean {
    const last = this.tokens.at(-1);
    return !last || (last.kind === 'operator' && !REDIRECTION.test(last.text));
  }

  private skipComment(): void {
    while (this.index < this.source.length && this.source[this.index] !== '\n') this.advance(1);
  }

  private tryRedirection(): boolean {
    const match = REDIRECTION.exec(this.rest());
    if (!match) return false;
    const text = match[0];
    this.operator(text, text.length);
    if (text.endsWith('<<') || text.endsWith('<<-')) {
      while (/[ \t]/.test(this.source[this.index] ?? '')) this.advance(1);
      const delimiter = this.word();
      if (delimiter) this.pendingHeredocs.push({ delimiter: delimiter.text, stripTabs: text.endsWith('-') });
    }
    return true;
  }

  private tryControl(): boolean {
    const match = CONTROL.exec(this.rest());
    if (!match) return false;
    this.operator(match[0], match[0].length);
    return true;
  }

  /** Lines after the one that named here-documents, up to each delimiter: data, not commands. */
  private skipHeredocBodies(): void {
    for (const { delimiter, stripTabs } of this.pendingHeredocs) {
      while (this.index < this.source.length) {
        const end = this.source.indexOf('\n', this.index);
        const lineText = this.source.slice(this.index, end === -1 ? undefined : end);
        this.advance(lineText.length + 1);
        if ((stripTabs ? lineText.replace(/^\t+/, '') : lineText) === delimiter) break;
      }
    }
    this.pendingHeredocs = [];
  }

  /** One word, up to a blank or an operator; pushed, and returned. */
  private word(): ShellWord | null {
    const start = { line: this.line, column: this.column };
    const startIndex = this.index;
    let text = '';
    let dynamic = false;
    let quoted = false;
    while (this.index < this.source.length) {
      const char = this.source[this.index] ?? '';
      // `name=(a b c)`: an array assignment, one word, whose parentheses are no subshell.
      if (char === '(' && ARRAY_ASSIGNMENT.test(text)) {
        text += this.skipBalanced('(', ')');
        continue;
      }
      if (/[ \t\r\n;&|()<>]/.test(char)) break;
      if (char === '\\') {
        if (this.source[this.index + 1] !== '\n') text += this.source[this.index + 1] ?? '';
        this.advance(2);
      } else if (char === "'") {
        quoted = true;
        const end = this.source.indexOf("'", this.index + 1);
        const stop = end === -1 ? this.source.length : end;
        text += this.source.slice(this.index + 1, stop);
        this.advance(stop + 1 - this.index);
      } else if (char === '"') {
        quoted = true;
        const inner = this.doubleQuoted();
        text += inner.text;
        dynamic ||= inner.dynamic;
      } else if (char === '$' || char === '`') {
        text += this.expansion();
        dynamic = true;
      } else {
        if (/[*?[]/.test(char)) dynamic = true;
        text += char;
        this.advance(1);
      }
    }
    if (text === '' && !quoted) return null;
    const word: ShellWord = { kind: 'word', text, dynamic, quoted, raw: this.source.slice(startIndex, this.index), ...start };
    this.tokens.push(word);
    return word;
  }

  private doubleQuoted(): { text: string; dynamic: boolean } {
    this.advance(1);
    let text = '';
    let dynamic = false;
    while (this.index < this.source.length && this.source[this.index] !== '"') {
      const char = this.source[this.index] ?? '';
      if (char === '\\') {
        text += this.source[this.index + 1] ?? '';
        this.advance(2);
      } else if (char === '$' || char === '`') {
        text += this.expansion();
        dynamic = true;
      } else {
        text += char;
        this.advance(1);
      }
    }
    this.advance(1);
    return { text, dynamic };
  }

  /** `$x`, `${…}`, `$((…))`, `$(…)` or `` `…` ``: its text; a command substitution is also scanned as a script. */
  private expansion(): string {
    const rest = this.rest();
    if (rest.startsWith('$((')) return this.skipBalanced('$((', '))');
    if (rest.startsWith('${')) return this.skipBalanced('${', '}');
    if (rest.startsWith('$(') || rest.startsWith('`')) {
      const backtick = rest.startsWith('`');
      const open = backtick ? '`' : '$(';
      const origin = { line: this.line, column: this.column + open.length };
      const text = backtick ? this.skipBacktick() : this.skipBalanced('$(', ')');
      this.embedded.push({ source: text.slice(open.length, -1), ...origin });
      return text;
    }
    const name = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])?/.exec(rest)?.[0] ?? '$';
    this.advance(name.length);
    return name;
  }

  private skipBacktick(): string {
    const end = this.source.indexOf('`', this.index + 1);
    const stop = end === -1 ? this.source.length : end + 1;
    const text = this.source.slice(this.index, stop);
    this.advance(stop - this.index);
    return text;
  }

  /** From `open` to its matching `close`, counting nested parentheses or braces, quotes respected. */
  private skipBalanced(open: string, close: string): string {
    const start = this.index;
    const [opening, closing] = close.startsWith(')') ? ['(', ')'] : ['{', '}'];
    let depth = 0;
    let i = this.index;
    while (i < this.source.length) {
      const char = this.source[i];
      if (char === '\\') i += 2;
      else if (char === "'" && open === '$(') i = this.source.indexOf("'", i + 1) === -1 ? this.source.length : this.source.indexOf("'", i + 1) + 1;
      else {
        if (char === opening) depth += 1;
        else if (char === closing) {
          depth -= 1;
          if (depth === 0) {
            i += 1;
            break;
          }
        }
        i += 1;
      }
    }
    // `((…))` and `$((…))` close with two parentheses: the loop stops at depth 0 after both.
    const text = this.source.slice(start, i);
    this.advance(i - start);
    return text;
  }
}
