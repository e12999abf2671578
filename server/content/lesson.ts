import path from 'node:path';
import { z } from 'zod';
import { locateContent, qualifyLinks, qualifySlug, slugSchema, type ContentOptions } from './content-paths';
import { parseFrontMatter } from './front-matter';
import type { HeadingEntry } from './markdown/heading-ids';
import { renderMarkdown } from './markdown/render-markdown';
import { parseContent, readContentText } from './read-content-file';

const frontMatterSchema = z.strictObject({
  title: z.string().min(1),
  summary: z.string().min(1),
  lab: slugSchema.optional(),
});

export interface Lesson {
  slug: string;
  title: string;
  summary: string;
  /** Slug of the lab that practises this lesson, if any. */
  lab: string | null;
  html: string;
  headings: HeadingEntry[];
  /** Estimated reading time, rounded up, at about 200 words a minute. */
  readingMinutes: number;
}

const WORDS_PER_MINUTE = 200;

export async function loadLesson(slug: string, options: ContentOptions = {}): Promise<Lesson> {
  const at = locateContent(slug, options);
  const contentRoot = at.contentRoot;
  const file = path.join(contentRoot, 'lessons', `${at.slug}.md`);
  const { attributes, body, locate } = parseFrontMatter(await readContentText(file, 'not-found'), file);
  const meta = parseContent(frontMatterSchema, attributes, file, locate);
  const { html, headings } = renderMarkdown(body, { contentRoot, baseDir: path.dirname(file), sourceFile: file });
  const words = body.split(/\s+/).filter(Boolean).length;
  return {
    slug: at.id,
    title: meta.title,
    summary: meta.summary,
    lab: meta.lab ? qualifySlug(at, meta.lab) : null,
    html: qualifyLinks(at, html),
    headings,
    readingMinutes: Math.max(1, Math.ceil(words / WORDS_PER_MINUTE)),
  };
}
