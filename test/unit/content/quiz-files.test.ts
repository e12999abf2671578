import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SLUG_PATTERN } from '@/server/content/content-paths';

// The quiz format as authors write it (content/quizzes/<lesson>.json). The renderer is built
// separately; until it owns a schema, this test keeps the shipped files to the agreed shape.
const choiceSchema = z.strictObject({
  id: z.string().regex(SLUG_PATTERN),
  text: z.string().min(1),
});

const questionSchema = z.strictObject({
  id: z.string().regex(SLUG_PATTERN),
  prompt: z.string().min(1),
  choices: z.array(choiceSchema).min(2).max(6),
  answer: z.array(z.string()).min(1),
  explanation: z.string().min(1),
});

const quizSchema = z.strictObject({
  title: z.string().min(1),
  questions: z.array(questionSchema).min(5).max(8),
});

const contentRoot = path.join(process.cwd(), 'content');
const quizDir = path.join(contentRoot, 'quizzes');
const quizFiles = existsSync(quizDir) ? readdirSync(quizDir).filter((name) => name.endsWith('.json')).sort() : [];

function duplicates(values: string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

describe('quiz files in content/quizzes/', () => {
  it('exist', () => {
    expect(quizFiles.length).toBeGreaterThan(0);
  });

  describe.each(quizFiles)('%s', (file) => {
    const slug = path.basename(file, '.json');
    const parsed = quizSchema.safeParse(JSON.parse(readFileSync(path.join(quizDir, file), 'utf8')));

    it('has the quiz shape', () => {
      expect(parsed.error?.issues ?? []).toEqual([]);
    });

    it('belongs to a lesson', () => {
      expect(SLUG_PATTERN.test(slug)).toBe(true);
      expect(existsSync(path.join(contentRoot, 'lessons', `${slug}.md`))).toBe(true);
    });

    it('has unique question ids, unique choice ids and answers among the choices', () => {
      const questions = parsed.data?.questions ?? [];
      expect(duplicates(questions.map((question) => question.id))).toEqual([]);
      for (const question of questions) {
        const choiceIds = question.choices.map((choice) => choice.id);
        expect(duplicates(choiceIds), question.id).toEqual([]);
        expect(duplicates(question.answer), question.id).toEqual([]);
        expect(question.answer.filter((id) => !choiceIds.includes(id)), question.id).toEqual([]);
      }
    });
  });
});
