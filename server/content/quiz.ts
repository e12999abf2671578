import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ContentNotFoundError } from './content-errors';
import { locateContent, qualifyLinks, resolveContentRoot, slugSchema, type ContentOptions } from './content-paths';
import { renderMarkdown } from './markdown/render-markdown';
import { renderShortMarkdown } from './markdown/short-markdown';
import type { AssetContext } from './markdown/svg-figure';
import { readJsonContent } from './read-content-file';

export const MIN_CHOICES = 2;
export const MAX_CHOICES = 6;

const markdownSchema = z.string().trim().min(1);
// Choice ids only need to be told apart within their question (« a », « b »… or words).
const choiceIdSchema = z.string().min(1).max(64);

const questionSchema = z
  .strictObject({
    id: slugSchema,
    prompt: markdownSchema,
    choices: z.array(z.strictObject({ id: choiceIdSchema, text: markdownSchema })).min(MIN_CHOICES).max(MAX_CHOICES),
    answer: z.array(choiceIdSchema).min(1),
    explanation: markdownSchema,
  })
  .superRefine((question, context) => {
    const choiceIds = question.choices.map((choice) => choice.id);
    reportDuplicates(choiceIds, (index) => ['choices', index, 'id'], context);
    reportDuplicates(question.answer, (index) => ['answer', index], context);
    for (const [index, answer] of question.answer.entries()) {
      if (!choiceIds.includes(answer)) {
        context.addIssue({
          code: 'custom',
          path: ['answer', index],
          message: `« ${answer} » n'est l'identifiant d'aucun choix (choix : ${choiceIds.join(', ')})`,
        });
      }
    }
  });

const quizSchema = z
  .strictObject({
    title: z.string().trim().min(1),
    questions: z.array(questionSchema).min(1),
  })
  .superRefine((quiz, context) => {
    reportDuplicates(
      quiz.questions.map((question) => question.id),
      (index) => ['questions', index, 'id'],
      context,
    );
  });

function reportDuplicates(ids: string[], pathOf: (index: number) => PropertyKey[], context: z.RefinementCtx): void {
  const seen = new Set<string>();
  for (const [index, id] of ids.entries()) {
    if (seen.has(id)) context.addIssue({ code: 'custom', path: pathOf(index), message: `identifiant « ${id} » en double` });
    seen.add(id);
  }
}

export interface QuizChoice {
  id: string;
  html: string;
}

export interface QuizQuestion {
  id: string;
  promptHtml: string;
  choices: QuizChoice[];
  /** Ids of the correct choices: never sent to the browser before the student submits. */
  answer: string[];
  explanationHtml: string;
}

export interface Quiz {
  /** The lesson's slug: a quiz belongs to the lesson of the same name. */
  slug: string;
  title: string;
  questions: QuizQuestion[];
}

/** Where quizzes/<name>.json is in one pack's folder, whatever the name (content:check names bad ones). */
export function quizPath(contentRoot: string, name: string): string {
  return path.join(contentRoot, 'quizzes', `${name}.json`);
}

export function quizFile(slug: string, options: ContentOptions = {}): string {
  const at = locateContent(slug, options);
  return quizPath(at.contentRoot, at.slug);
}

/** The quiz of a lesson, or null when the lesson has none (quizzes are optional). */
export async function loadQuiz(slug: string, options: ContentOptions = {}): Promise<Quiz | null> {
  const at = locateContent(slug, options);
  const contentRoot = at.contentRoot;
  const file = quizFile(at.slug, { contentRoot });
  let quiz: z.output<typeof quizSchema>;
  try {
    quiz = await readJsonContent(file, quizSchema, 'not-found');
  } catch (error) {
    if (error instanceof ContentNotFoundError) return null;
    throw error;
  }
  const assets: AssetContext = { contentRoot, baseDir: path.dirname(file), sourceFile: file };
  return {
    slug: at.id,
    title: quiz.title,
    questions: quiz.questions.map((question) => ({
      id: question.id,
      promptHtml: qualifyLinks(at, renderMarkdown(question.prompt, assets).html),
      choices: question.choices.map((choice) => ({ id: choice.id, html: renderShortMarkdown(choice.text, assets) })),
      answer: question.answer,
      explanationHtml: qualifyLinks(at, renderMarkdown(question.explanation, assets).html),
    })),
  };
}

/** Slugs of every quiz file in content/quizzes (none when the folder does not exist). */
export async function listQuizSlugs(options: ContentOptions = {}): Promise<string[]> {
  const folder = path.join(resolveContentRoot(options), 'quizzes');
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => entry.name.slice(0, -'.json'.length))
    .sort();
}
