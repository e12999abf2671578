// A lesson's quiz, end to end: real Chromium, real server, real database. The answers come
// from the content file, as the author wrote them; the page itself must not know them.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const LESSON = 'avant-le-cloud';

interface QuizFile {
  questions: Array<{ id: string; choices: Array<{ id: string }>; answer: string[]; explanation: string }>;
}
const quiz = JSON.parse(readFileSync(`content/quizzes/${LESSON}.json`, 'utf8')) as QuizFile;
const [missed, ...others] = quiz.questions;
if (!missed) throw new Error(`Le quiz ${LESSON} est vide.`);

/** The start of a Markdown text, before any markup: what the page shows as plain text. */
const plainStart = (markdown: string) => markdown.split(/[*`_[]/)[0]?.trim().slice(0, 50) ?? '';

const questionGroup = (page: Page, id: string) => page.getByTestId(`question-${id}`);

test('a student answers a quiz, reads the correction, and finds their score again after a reload', async ({ page, browser }) => {
  await page.goto(`/lecons/${LESSON}`);
  const section = page.getByTestId('quiz');
  await expect(section.getByRole('heading', { level: 2 })).toBeVisible();
  // Neither the answers nor the explanations are in the page before the student submits.
  expect(await page.content()).not.toContain(plainStart(missed.explanation));

  const submit = page.getByRole('button', { name: 'Valider mes réponses' });
  await expect(submit).toBeDisabled();
  await expect(section).toContainText(`Encore ${quiz.questions.length} questions sans réponse.`);

  // Every question right but the first, where a wrong choice is picked.
  const wrong = missed.choices.find((choice) => !missed.answer.includes(choice.id));
  await questionGroup(page, missed.id).locator(`input[value="${wrong?.id}"]`).check();
  for (const question of others) {
    for (const choiceId of question.answer) await questionGroup(page, question.id).locator(`input[value="${choiceId}"]`).check();
  }
  const multiple = others.find((question) => question.answer.length > 1);
  expect(await questionGroup(page, multiple?.id ?? '').getByRole('checkbox').count()).toBeGreaterThan(1);

  await submit.click();
  const expected = `${quiz.questions.length - 1} / ${quiz.questions.length}`;
  await expect(page.getByTestId('quiz-score')).toContainText(expected);

  const corrected = questionGroup(page, missed.id);
  await expect(corrected).toHaveAttribute('data-correct', 'false');
  await expect(corrected).toContainText('✗ Réponse incorrecte');
  await expect(corrected).toContainText('Bonne réponse');
  await expect(corrected).toContainText(plainStart(missed.explanation));
  await expect(questionGroup(page, multiple?.id ?? '')).toContainText('✓ Bonne réponse');
  await expect(corrected.locator('input').first()).toBeDisabled();

  // « Recommencer » clears the answers; the score just recorded is now the last one.
  await page.getByRole('button', { name: 'Recommencer' }).click();
  await expect(page.getByTestId('quiz-score')).toHaveCount(0);
  await expect(corrected.locator('input:checked')).toHaveCount(0);
  await expect(page.getByTestId('quiz-last-score')).toContainText(`Votre dernier score : ${expected}`);

  await page.reload();
  await expect(page.getByTestId('quiz-last-score')).toContainText(`Votre dernier score : ${expected}`);

  // Another browser is another student: no score of theirs yet.
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  const strangersScore = strangerPage.waitForResponse((response) => response.url().endsWith('/attempts/latest'));
  await strangerPage.goto(`/lecons/${LESSON}`);
  expect(await (await strangersScore).json()).toEqual({ attempt: null });
  await expect(strangerPage.getByRole('button', { name: 'Valider mes réponses' })).toBeVisible();
  await expect(strangerPage.getByTestId('quiz-last-score')).toHaveCount(0);
  await stranger.close();
});
