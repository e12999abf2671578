// Looking over a student's shoulder from the class dashboard: the instructor watches the
// student's terminal live and read-only, the student sees a banner saying who watches, and
// the instructor reads the student's quiz answers beside the right ones. Real Chromium, real
// server, real sandbox.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openClassroom } from './classroom';
import { endLab, expectOnScreen, screenText, startLab, typeInTerminal } from './lab-page';

const QUIZ = 'avant-le-cloud';
const quiz = JSON.parse(readFileSync(`content/quizzes/${QUIZ}.json`, 'utf8')) as {
  questions: Array<{ id: string; choices: Array<{ id: string }>; answer: string[] }>;
};

test('an instructor watches a student’s terminal live, read-only, and the student knows', async ({ browser }) => {
  const classroom = await openClassroom(browser, { name: 'Direct — groupe C', teacherName: 'Ada Lovelace', studentName: 'Alan Turing', assign: ['lab/premiers-pas'] });
  const { instructor, student, pupil } = classroom;

  await startLab(student);
  await typeInTerminal(student, 'echo avant-$((40+2))\n');
  await expectOnScreen(student, 'avant-42');
  await expect(student.getByTestId('watched-banner')).toHaveCount(0);

  // From the dashboard's drill-down to the live view.
  await instructor.getByRole('link', { name: 'Résultats' }).click();
  await instructor.getByTestId(`results-${pupil.email}`).getByRole('button', { name: /Détail du lab/ }).click();
  await instructor.getByRole('link', { name: 'Regarder son terminal en direct' }).click();
  await expect(instructor.getByRole('heading', { level: 1 })).toHaveText('Alan Turing — Premiers pas avec Docker');
  await expect(instructor.getByTestId('terminal-status')).toHaveText('Connecté', { timeout: 30_000 });
  // What the student did before the instructor came, then what they do now.
  await expectOnScreen(instructor, 'avant-42');
  await expect(student.getByTestId('watched-banner')).toContainText('Ada Lovelace regarde votre terminal en direct');
  await typeInTerminal(student, 'echo pendant-$((6*7))\n');
  await expectOnScreen(instructor, 'pendant-42');

  // Read-only: the instructor's keystrokes never reach the student's shell.
  await typeInTerminal(instructor, 'echo intrus-$((1+1))\n');
  await typeInTerminal(student, 'echo fin-$((2+2))\n');
  await expectOnScreen(student, 'fin-4');
  expect(await screenText(student)).not.toContain('intrus');

  // The banner goes when the instructor leaves.
  await instructor.goto('/classes');
  await expect(student.getByTestId('watched-banner')).toHaveCount(0);

  // Once the lab is over, the live view says so instead of showing a dead terminal.
  await instructor.goBack();
  await endLab(student);
  await instructor.reload();
  await expect(instructor.getByRole('heading', { level: 1 })).toHaveText('Session terminée');
  await classroom.close();
});

test('an instructor reads a student’s quiz answers beside the right ones', async ({ browser }) => {
  const classroom = await openClassroom(browser, { name: 'Quiz — groupe D', teacherName: 'Edsger Dijkstra', studentName: 'Barbara Liskov', assign: [`quiz/${QUIZ}`] });
  const { instructor, student, pupil } = classroom;

  // Every question right but the first, where a wrong choice is ticked.
  const [missed, ...others] = quiz.questions;
  const wrong = missed?.choices.find((choice) => !missed.answer.includes(choice.id));
  await student.goto(`/lecons/${QUIZ}`);
  await student.getByTestId(`question-${missed?.id}`).locator(`input[value="${wrong?.id}"]`).check();
  for (const question of others) {
    for (const choiceId of question.answer) await student.getByTestId(`question-${question.id}`).locator(`input[value="${choiceId}"]`).check();
  }
  await student.getByRole('button', { name: 'Valider mes réponses' }).click();
  await expect(student.getByTestId('quiz-score')).toBeVisible();

  await instructor.getByRole('link', { name: 'Résultats' }).click();
  await instructor.getByTestId(`results-${pupil.email}`).getByRole('button', { name: /Détail du quiz/ }).click();
  const detail = instructor.getByTestId('quiz-evidence');
  const total = quiz.questions.length;
  await expect(detail).toContainText(`Meilleur score : ${total - 1}/${total} · 1 essai(s)`);
  await expect(detail.getByText('(cochée, fausse)')).toHaveCount(1);
  await expect(detail.getByText('(juste, non cochée)')).toHaveCount(missed?.answer.length ?? 0);
  await classroom.close();
});
