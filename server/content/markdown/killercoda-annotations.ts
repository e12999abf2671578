/**
 * Killercoda's code annotations. An author writes
 *
 *     ```bash
 *     docker run hello-world
 *     ```{{exec}}
 *
 * (or `{{copy}}`, or `{{exec interrupt}}` to send Ctrl-C first), and `docker ps`{{exec}}
 * inline. CommonMark does not allow text after a closing fence, so before Markdown parsing
 * we move the annotation onto the opening fence's info string (```` ```bash {{exec}} ````),
 * where it survives parsing and the code renderer reads it back.
 *
 * Killercoda has more `{{…}}` than Dockyard does (`{{TRAFFIC_SELECTOR}}`, `{{}}`, Katacoda's
 * `{{execute T2}}`…): findAnnotationProblems lists them for the content checker.
 */
import { markdownLines } from './markdown-lines';

export type CodeAction = 'exec' | 'copy';

export interface CodeAnnotation {
  action: CodeAction;
  /** Send Ctrl-C before typing the command, to stop whatever runs in the foreground. */
  interrupt: boolean;
}

// `execute` is the older Katacoda spelling, still found in imported scenarios.
const ANNOTATION = String.raw`\{\{\s*(exec|execute|copy)(\s+interrupt)?\s*\}\}`;
const ANNOTATION_IN_INFO = new RegExp(`\\s*${ANNOTATION}\\s*`);
// Any indentation: fences nested in list items are indented by the item's width.
const OPENING_FENCE = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const ANNOTATED_CLOSING_FENCE = new RegExp(`^([ \\t]*)(\`{3,}|~{3,})\\s*${ANNOTATION}\\s*$`);
// A closing fence followed by an annotation Dockyard does not know: still the end of the block.
const PLAIN_CLOSING_FENCE = /^([ \t]*)(`{3,}|~{3,})\s*(?:\{\{[^{}\n]*\}\}\s*)?$/;

export const INLINE_ANNOTATED_CODE = new RegExp(`^\`([^\`\\n]+)\`${ANNOTATION}`);

function toAnnotation(action: string | undefined, interrupt: string | undefined): CodeAnnotation {
  return { action: action === 'copy' ? 'copy' : 'exec', interrupt: Boolean(interrupt) };
}

/** Splits a fence info string such as `bash {{exec interrupt}}` into language and annotation. */
export function parseCodeInfo(info: string | undefined): { language: string | undefined; annotation: CodeAnnotation | null } {
  const text = info ?? '';
  const match = ANNOTATION_IN_INFO.exec(text);
  const language = text.replace(ANNOTATION_IN_INFO, ' ').trim().split(/\s+/)[0] || undefined;
  return { language, annotation: match ? toAnnotation(match[1], match[2]) : null };
}

export function parseInlineAnnotation(match: RegExpExecArray): { code: string; annotation: CodeAnnotation } {
  return { code: match[1] ?? '', annotation: toAnnotation(match[2], match[3]) };
}

/** Rewrites annotated closing fences into plain ones, carrying the annotation to the opening fence. */
export function moveFenceAnnotations(markdown: string): string {
  const lines = markdown.split('\n');
  let open: { index: number; fence: string } | null = null;
  for (const [index, line] of lines.entries()) {
    if (!open) {
      const opening = OPENING_FENCE.exec(line);
      const fence = opening?.[2];
      // A backtick fence's info string may not contain backticks (CommonMark).
      if (fence && !(fence.startsWith('`') && opening[3]?.includes('`'))) open = { index, fence };
      continue;
    }
    const annotated = ANNOTATED_CLOSING_FENCE.exec(line);
    const closing = annotated ?? PLAIN_CLOSING_FENCE.exec(line);
    const fence = closing?.[2];
    if (!fence || fence[0] !== open.fence[0] || fence.length < open.fence.length) continue;
    if (annotated) {
      const { action, interrupt } = toAnnotation(annotated[3], annotated[4]);
      lines[open.index] = `${lines[open.index]} {{${action}${interrupt ? ' interrupt' : ''}}}`;
    }
    lines[index] = `${closing[1] ?? ''}${fence}`;
    open = null;
  }
  return lines.join('\n');
}

export interface AnnotationProblem {
  line: number;
  column: number;
  message: string;
}

const ANY_ANNOTATION = /\{\{([^{}\n]*)\}\}/g;
const KNOWN_ANNOTATION = new RegExp(`^${ANNOTATION}$`);
const PREVIEW_PORT = /^TRAFFIC_HOST\d+_\d+$/i;

/** Why Dockyard does not do what an annotation asks, for those met in Killercoda's scenarios. */
function unsupported(inner: string): string {
  if (inner === '') return 'le code n’est copiable que marqué {{copy}} : il n’y a rien à désactiver';
  if (/^TRAFFIC_SELECTOR$/i.test(inner)) {
    return 'Dockyard n’a pas de page de choix du port : liez le port voulu, {{TRAFFIC_HOST1_8080}} (l’élève a aussi « Aperçu d’un port » au-dessus du terminal)';
  }
  if (/^(?:exec|execute|copy)\b/.test(inner)) {
    return 'Dockyard ne choisit ni terminal ni machine : seules {{exec}}, {{exec interrupt}} et {{copy}} existent';
  }
  return 'annotation Killercoda inconnue de Dockyard';
}

/**
 * Every `{{…}}` of a Markdown text (outside code) that Dockyard would not turn into a button
 * or a preview link, at its line and column: unknown ones, and known ones left where they
 * do nothing (`{{exec}}` not right after code). Students would see them as text.
 */
export function findAnnotationProblems(markdown: string): AnnotationProblem[] {
  const problems: AnnotationProblem[] = [];
  for (const { line, kind, raw, text } of markdownLines(markdown)) {
    for (const match of text.matchAll(ANY_ANNOTATION)) {
      const [written, inner = ''] = match;
      const column = match.index + 1;
      const report = (why: string) => problems.push({ line, column, message: `« ${written} » : ${why}` });
      if (KNOWN_ANNOTATION.test(written)) {
        // On a fence line, or straight after inline code (whose closing backtick precedes it).
        if (kind === 'prose' && raw[match.index - 1] !== '`') {
          report('ne suit pas un code, il s’affiche tel quel : collez-le au code (`commande`{{exec}}) ou à la clôture du bloc');
        }
        continue;
      }
      if (kind === 'prose' && PREVIEW_PORT.test(inner.trim())) continue;
      const effect =
        kind === 'fence' ? 'ignorée, le bloc s’affiche sans bouton' : raw.slice(0, match.index).endsWith('](') ? 'ce lien ne mène nulle part' : 'affichée telle quelle';
      report(`${unsupported(inner.trim())} ; ${effect}`);
    }
  }
  return problems;
}
