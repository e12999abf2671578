import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '@/server/content/content-errors';
import { loadQuiz } from '@/server/content/quiz';
import { validateContent } from '@/server/content/validate-content';
import { writeContentFixture } from './write-fixture';

const validQuiz = {
  title: 'Quiz d’essai',
  questions: [
    {
      id: 'demon',
      prompt: 'Qui crée les conteneurs ?',
      choices: [
        { id: 'client', text: 'La commande `docker`' },
        { id: 'demon', text: 'Le démon `dockerd`' },
      ],
      answer: ['demon'],
      explanation: 'Le client **envoie** des requêtes ; le démon les exécute.',
    },
  ],
};

const lesson = '---\ntitle: Essai\nsummary: Un résumé\n---\n\nTexte.\n';

/** The error loading `quiz`, written as authors do (one field a line, two spaces), says. */
async function quizError(quiz: unknown): Promise<ContentError> {
  const contentRoot = await writeContentFixture({ 'quizzes/essai.json': JSON.stringify(quiz, null, 2) });
  const error: unknown = await loadQuiz('essai', { contentRoot }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ContentError);
  expect((error as ContentError).file).toBe(path.join(contentRoot, 'quizzes', 'essai.json'));
  expect((error as ContentError).message).toContain(path.join('quizzes', 'essai.json'));
  return error as ContentError;
}

const withQuestion = (changes: object) => ({ ...validQuiz, questions: [{ ...validQuiz.questions[0], ...changes }] });

describe('loadQuiz', () => {
  it('renders prompts, choices and explanations as Markdown, choices without a wrapping paragraph', async () => {
    const contentRoot = await writeContentFixture({ 'quizzes/essai.json': JSON.stringify(validQuiz) });
    const quiz = await loadQuiz('essai', { contentRoot });
    expect(quiz?.title).toBe('Quiz d’essai');
    const question = quiz?.questions[0];
    expect(question?.promptHtml).toContain('<p>Qui crée les conteneurs ?</p>');
    expect(question?.choices[1]).toEqual({ id: 'demon', html: 'Le démon <code>dockerd</code>' });
    expect(question?.answer).toEqual(['demon']);
    expect(question?.explanationHtml).toContain('<strong>envoie</strong>');
  });

  it('returns null for a lesson without a quiz', async () => {
    const contentRoot = await writeContentFixture({ 'lessons/essai.md': lesson });
    await expect(loadQuiz('essai', { contentRoot })).resolves.toBeNull();
  });

  it('names the file when the JSON cannot be parsed', async () => {
    const contentRoot = await writeContentFixture({ 'quizzes/essai.json': '{ "title": "oubli de virgule" "questions": [] }' });
    await expect(loadQuiz('essai', { contentRoot })).rejects.toThrow(/JSON invalide dans .*quizzes\/essai\.json/);
  });

  it('refuses an answer that is not one of the choices, and says which choices exist', async () => {
    const error = await quizError(withQuestion({ answer: ['dockerd'] }));
    // Line 18 is `"dockerd"`, inside `"answer": [` of the first question.
    expect(error.validations).toEqual([
      {
        path: 'questions.0.answer.0',
        message: expect.stringContaining('« dockerd » n\'est l\'identifiant d\'aucun choix'),
        line: 18,
        column: 9,
      },
    ]);
    expect(error.message).toContain('questions.0.answer.0 (ligne 18) : « dockerd »');
    expect(error.message).toContain('client, demon');
  });

  it('refuses fewer than two or more than six choices', async () => {
    const choice = (id: string) => ({ id, text: id });
    const one = await quizError(withQuestion({ choices: [choice('demon')] }));
    expect(one.validations[0]?.path).toBe('questions.0.choices');
    const seven = await quizError(withQuestion({ choices: ['a', 'b', 'c', 'd', 'e', 'f', 'demon'].map(choice) }));
    expect(seven.validations[0]?.path).toBe('questions.0.choices');
  });

  it('refuses duplicated question and choice ids, and a question without an answer', async () => {
    const question = validQuiz.questions[0];
    const twice = await quizError({ ...validQuiz, questions: [question, question] });
    expect(twice.validations).toEqual([{ path: 'questions.1.id', message: 'identifiant « demon » en double', line: 23, column: 7 }]);
    const sameChoice = await quizError(withQuestion({ choices: [question?.choices[1], question?.choices[1]] }));
    expect(sameChoice.validations.map((v) => v.path)).toEqual(['questions.0.choices.1.id']);
    const noAnswer = await quizError(withQuestion({ answer: [] }));
    expect(noAnswer.validations.map((v) => v.path)).toEqual(['questions.0.answer']);
  });

  it('refuses a missing explanation and unknown fields, with French messages, each at its line', async () => {
    const { explanation: _explanation, ...withoutExplanation } = validQuiz.questions[0] ?? {};
    const error = await quizError({ ...validQuiz, questions: [{ ...withoutExplanation, hint: 'typo', astuce: 'typo' }] });
    expect(error.validations.map(({ path, line }) => `${line} ${path}`).sort()).toEqual([
      // A missing field is placed at its object, the question (line 4).
      '20 questions.0.hint',
      '21 questions.0.astuce',
      '4 questions.0.explanation',
    ]);
    expect(error.validations.find((v) => v.path === 'questions.0.hint')?.message).toBe('champ inconnu (faute de frappe ?)');
    expect(error.message).not.toMatch(/Invalid|expected/);
  });
});

describe('validateContent with quizzes', () => {
  const course = JSON.stringify({
    title: 'C',
    description: 'D',
    chapters: [{ slug: 'a', title: 'T', summary: 'S', lesson: 'essai' }],
  });

  it('accepts a course whose lesson has a valid quiz', async () => {
    const contentRoot = await writeContentFixture({
      'course.json': course,
      'lessons/essai.md': lesson,
      'quizzes/essai.json': JSON.stringify(validQuiz),
    });
    await expect(validateContent({ contentRoot })).resolves.toBeDefined();
  });

  it('stops start-up on an invalid quiz, naming the file', async () => {
    const contentRoot = await writeContentFixture({
      'course.json': course,
      'lessons/essai.md': lesson,
      'quizzes/essai.json': JSON.stringify({ title: 'Sans questions', questions: [] }),
    });
    await expect(validateContent({ contentRoot })).rejects.toThrow(/quizzes\/essai\.json[\s\S]*questions/);
  });

  it('refuses a quiz whose lesson does not exist (a misnamed file)', async () => {
    const contentRoot = await writeContentFixture({
      'course.json': course,
      'lessons/essai.md': lesson,
      'quizzes/essai.json': JSON.stringify(validQuiz),
      'quizzes/esai.json': JSON.stringify(validQuiz),
    });
    await expect(validateContent({ contentRoot })).rejects.toThrow(/lessons\/esai\.md.*quizzes\/esai\.json/);
  });

  it('refuses a quiz file whose name could not be a lesson slug', async () => {
    const contentRoot = await writeContentFixture({
      'course.json': course,
      'lessons/essai.md': lesson,
      'quizzes/Essai.json': JSON.stringify(validQuiz),
    });
    await expect(validateContent({ contentRoot })).rejects.toThrow(/Nom de quiz invalide : .*quizzes\/Essai\.json/);
  });
});
