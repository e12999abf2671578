/**
 * Whether a link written in course Markdown leads somewhere once published. Dockyard serves
 * pages (/, /lecons/<leçon>, /labs/<lab>, /images), not the files of content/, and inlines
 * only local SVG images: anything else is a broken link or a missing image for the student.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { MarkdownLink } from './markdown/markdown-links';

export interface SitePages {
  lessons: ReadonlySet<string>;
  labs: ReadonlySet<string>;
}

export interface LinkContext {
  contentRoot: string;
  /** Folder relative links start from (the Markdown file's folder). */
  baseDir: string;
  site: SitePages;
}

const EXTERNAL = /^(?:https?:|mailto:)/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// Killercoda's placeholders: « port 8080 of the first machine » (raw or percent-encoded by
// Markdown) becomes a preview link; any other is a warning of findAnnotationProblems.
const PLACEHOLDER = /\{\{[^{}\n]*\}\}|%7B%7BTRAFFIC_HOST\d+_\d+%7D%7D/i;
const SITE_PAGE = /^\/(lecons|labs)\/([^/?#]+)\/?(?:[?#].*)?$/;
// Pages that are always there, whatever the course: the home page and the offline image catalog.
const FIXED_PAGE = /^\/(?:images\/?)?(?:[?#].*)?$/;

/** What is wrong with the link, in French, or null when it works. */
export function linkProblem(link: MarkdownLink, context: LinkContext): string | null {
  const { href } = link;
  if (PLACEHOLDER.test(href)) return null;
  if (link.image) return imageProblem(href, context);
  if (EXTERNAL.test(href) || href.startsWith('#')) return null;
  if (ANY_SCHEME.test(href)) return `lien « ${href} » : seuls les liens http(s) et mailto sont permis`;
  if (!href.startsWith('/')) {
    return `lien relatif « ${href} » : Dockyard ne publie pas les fichiers du contenu ; liez une page (/lecons/…, /labs/…) ou une adresse http(s)`;
  }
  if (FIXED_PAGE.test(href)) return null;
  const page = SITE_PAGE.exec(href);
  if (!page) return `lien « ${href} » : page inconnue ; les pages de Dockyard sont /, /lecons/<leçon>, /labs/<lab> et /images`;
  const [, kind, slug = ''] = page;
  if (kind === 'lecons' && !context.site.lessons.has(slug)) return `lien « ${href} » : aucune leçon lessons/${slug}.md`;
  if (kind === 'labs' && !context.site.labs.has(slug)) return `lien « ${href} » : aucun lab labs/${slug}/index.json`;
  return null;
}

function imageProblem(href: string, context: LinkContext): string | null {
  if (ANY_SCHEME.test(href) || !href.toLowerCase().endsWith('.svg')) {
    return `image « ${href} » : seules les images SVG du dossier de contenu sont prises en charge (elles sont intégrées à la page)`;
  }
  let decoded: string;
  try {
    decoded = decodeURI(href);
  } catch {
    return `image « ${href} » : adresse mal encodée (un « % » seul ?)`;
  }
  const file = path.resolve(context.baseDir, decoded);
  if (!file.startsWith(context.contentRoot + path.sep)) return `image « ${href} » hors du dossier de contenu`;
  if (!existsSync(file)) return `image « ${href} » introuvable (${path.relative(context.contentRoot, file)})`;
  return null;
}
