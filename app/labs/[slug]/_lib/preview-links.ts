/**
 * Port preview in the lab page. Killercoda's steps write `{{TRAFFIC_HOST1_8080}}` for « the
 * address of port 8080 of the first machine »; here that is the session's preview URL
 * (HOST2 is the second machine, in the order of the session's nodes). The server renders
 * the Markdown once for everyone, so the browser, which knows the session, fills it in.
 */
import { previewPrefix } from '@/server/preview/preview-route';
import { fr, type Dictionary } from '../../../_i18n/fr';

export interface PreviewSession {
  id: string;
  nodes: string[];
}

/** `1`…`65535` typed by a person, or null. */
export function parsePort(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[1-9][0-9]{0,4}$/.test(trimmed)) return null;
  const port = Number(trimmed);
  return port <= 65_535 ? port : null;
}

/** The entry URL of a preview (the server checks the owner and redirects to the page). */
export function previewUrl(sessionId: string, node: string, port: number, origin = ''): string {
  return `${origin}${previewPrefix({ sessionId, node, port })}/`;
}

// Raw in text and attributes; percent-encoded in the href of a Markdown link.
const PLACEHOLDER = /\{\{TRAFFIC_HOST(\d+)_(\d+)\}\}|%7B%7BTRAFFIC_HOST(\d+)_(\d+)%7D%7D/gi;
const ANCHOR = /<a\b([^>]*?)\bhref="([^"]*)"([^>]*)>/gi;

/**
 * Replaces the placeholders with the session's preview URLs (without trailing slash, so that
 * `{{TRAFFIC_HOST1_8080}}/page.html` works) and makes such links open in a new tab. Without a
 * session there is no address yet: links lose their href and text says which port it will be.
 */
export function withPreviewLinks(
  html: string,
  session: PreviewSession | null,
  origin: string,
  words: Dictionary['lab']['preview'] = fr.lab.preview,
): string {
  if (!/TRAFFIC_HOST/i.test(html)) return html;
  const resolve = (host: string, port: string): { url: string | null; label: string } => {
    const node = session?.nodes[Number(host) - 1];
    const number = parsePort(port);
    const label = words.placeholder(port, node ?? `node${host}`);
    if (!session || !node || number === null) return { url: null, label };
    return { url: escapeAttribute(`${origin}${previewPrefix({ sessionId: session.id, node, port: number })}`), label };
  };
  const replaceAll = (text: string, missing: (label: string) => string) =>
    text.replace(PLACEHOLDER, (_match, h1?: string, p1?: string, h2?: string, p2?: string) => {
      const { url, label } = resolve(h1 ?? h2 ?? '', p1 ?? p2 ?? '');
      return url ?? missing(label);
    });

  const linked = html.replace(ANCHOR, (tag, before: string, href: string, after: string) => {
    if (!new RegExp(PLACEHOLDER.source, 'i').test(href)) return tag;
    let unresolved = false;
    const target = replaceAll(href, () => {
      unresolved = true;
      return '';
    });
    if (unresolved) return `<a${before}title="${escapeAttribute(words.startFirst)}"${after}>`;
    const newTab = /\btarget=/i.test(before + after) ? '' : ' target="_blank" rel="noopener noreferrer"';
    return `<a${before}href="${target}"${after}${newTab}>`;
  });
  return replaceAll(linked, (label) => label);
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
