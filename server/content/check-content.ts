/**
 * `npm run content:check`: every lesson, lab and quiz under content/, checked without Docker
 * and without a database, every problem listed with the file (and line where there is one).
 * The start-up validation (validate-content.ts) stops at the first problem; this one goes on.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ContentIssues } from './content-issues';
import { resolveContentRoot, SLUG_PATTERN, type ContentOptions } from './content-paths';
import { loadCourse } from './course';
import { checkLab } from './check-lab';
import { checkMarkdown } from './check-markdown';
import { parseFrontMatter } from './front-matter';
import { jsonLocator } from './json-source';
import { loadLesson } from './lesson';
import type { SitePages } from './link-problems';
import { listQuizSlugs, loadQuiz, quizPath } from './quiz';
import { validateContent } from './validate-content';

export interface ContentCheckReport {
  issues: ContentIssues;
  lessons: number;
  quizzes: number;
  labs: number;
}

export async function checkContent(options: ContentOptions = {}): Promise<ContentCheckReport> {
  const contentRoot = resolveContentRoot(options);
  const scoped = { ...options, contentRoot };
  const issues = new ContentIssues();
  const site: SitePages = {
    lessons: new Set(await entries(path.join(contentRoot, 'lessons'), 'files', '.md', issues)),
    labs: new Set(await entries(path.join(contentRoot, 'labs'), 'folders', '', issues)),
  };

  await checkCourse(site, issues, contentRoot, scoped);
  for (const slug of site.lessons) await checkLesson(slug, site, issues, scoped);
  const quizzes = await listQuizSlugs(scoped);
  for (const slug of quizzes) await checkQuiz(slug, site, issues, scoped);
  for (const slug of site.labs) await checkLab(slug, site, issues, scoped);
  // The start-up validation also covers quizzes; its first error is kept unless already reported.
  await validateContent(scoped).catch((error: unknown) => {
    const before = issues.all.length;
    issues.fromError(error, path.join(contentRoot, 'course.json'));
    const added = issues.all.splice(before);
    for (const issue of added) if (!issues.hasErrorIn(issue.file)) issues.all.push(issue);
  });
  return { issues, lessons: site.lessons.size, quizzes: quizzes.length, labs: site.labs.size };
}

/** A quiz shows under the lesson of the same name: one without a lesson is misnamed. */
async function checkQuiz(slug: string, site: SitePages, issues: ContentIssues, options: ContentOptions) {
  const file = quizPath(resolveContentRoot(options), slug);
  if (!SLUG_PATTERN.test(slug) || !site.lessons.has(slug)) {
    return issues.error(file, `aucune leçon lessons/${slug}.md : un quiz porte le nom de sa leçon (<leçon>.json)`);
  }
  await loadQuiz(slug, options).catch((error: unknown) => issues.fromError(error, file));
}

async function checkCourse(site: SitePages, issues: ContentIssues, contentRoot: string, options: ContentOptions) {
  const file = path.join(contentRoot, 'course.json');
  let course;
  try {
    course = await loadCourse(options);
  } catch (error) {
    return issues.fromError(error, file);
  }
  const locate = jsonLocator(await readFile(file, 'utf8'));
  for (const [index, chapter] of course.chapters.entries()) {
    const missing = (kind: 'lesson' | 'lab', slug: string, where: string) =>
      issues.error(
        file,
        `chapitre « ${chapter.slug} » : ${kind === 'lesson' ? 'leçon' : 'lab'} « ${slug} » introuvable (${where})`,
        locate(['chapters', index, kind]),
      );
    if (chapter.lesson && !site.lessons.has(chapter.lesson)) missing('lesson', chapter.lesson, `lessons/${chapter.lesson}.md`);
    if (chapter.lab && !site.labs.has(chapter.lab)) missing('lab', chapter.lab, `labs/${chapter.lab}/index.json`);
  }
}

async function checkLesson(slug: string, site: SitePages, issues: ContentIssues, options: ContentOptions & { contentRoot: string }) {
  const file = path.join(options.contentRoot, 'lessons', `${slug}.md`);
  await checkMarkdown(file, site, issues, options.contentRoot);
  try {
    const lesson = await loadLesson(slug, options);
    if (lesson.lab && !site.labs.has(lesson.lab)) {
      const { locate } = parseFrontMatter(await readFile(file, 'utf8'), file);
      issues.error(file, `lab « ${lesson.lab} » introuvable (labs/${lesson.lab}/index.json)`, locate('lab'));
    }
  } catch (error) {
    issues.fromError(error, file);
  }
}

/** Slugs of `dir`'s Markdown files or sub-folders; a name that cannot be a slug is an error. */
async function entries(dir: string, kind: 'files' | 'folders', extension: string, issues: ContentIssues): Promise<string[]> {
  const found = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const slugs: string[] = [];
  for (const entry of found) {
    const wanted = kind === 'files' ? entry.isFile() && entry.name.endsWith(extension) : entry.isDirectory();
    if (!wanted) continue;
    const slug = entry.name.slice(0, entry.name.length - extension.length);
    if (SLUG_PATTERN.test(slug)) slugs.push(slug);
    else issues.error(path.join(dir, entry.name), `nom invalide : « ${slug} » doit être en minuscules, chiffres et tirets (il devient l’adresse de la page)`);
  }
  return slugs.sort();
}
