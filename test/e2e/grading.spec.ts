// Grading from both sides: an instructor creates a class and assigns the first lab, a student
// joins and passes its first step, and the instructor's dashboard shows it without a reload;
// the CSV export, the grader API and the student's course outline say the same. Real Chromium, real server,
// real sandbox.
import { expect, test } from '@playwright/test';
import { signUpStudent } from './accounts';
import { openClassroom } from './classroom';
import { endLab, expectConnected, expectOnScreen } from './lab-page';

test('a passed step shows up live on the class dashboard, in the CSV, the grader API and the student’s outline', async ({ browser }) => {
  const classroom = await openClassroom(browser, { name: 'Notes — groupe A', teacherName: 'Grace Hopper', studentName: 'Linus Martin', assign: ['lab/premiers-pas'] });
  const { instructor, student, pupil } = classroom;
  await expect(instructor.getByTestId('assignments')).toContainText('Premiers pas avec Docker');

  // The dashboard, open before the student does anything.
  await instructor.getByRole('link', { name: 'Résultats' }).click();
  const row = instructor.getByTestId(`results-${pupil.email}`);
  await expect(row).toContainText('Linus Martin');
  await expect(row).toContainText('0/4');
  await expect(row).toContainText('Pas commencé');

  // The student passes step 1 for real: the command runs in their sandbox, the check in it too.
  await student.goto('/labs/premiers-pas');
  await student.getByRole('button', { name: 'Démarrer le lab' }).click();
  await expectConnected(student, 90_000);
  await student.locator('[data-exec]').first().click();
  await expectOnScreen(student, 'Pour aller plus loin, lancez un shell', 60_000);
  await student.getByRole('button', { name: 'Vérifier' }).first().click();
  await expect(student.getByTestId('check-result')).toHaveAttribute('data-passed', 'true');

  // No reload on the instructor's side: the dashboard refreshes itself.
  await expect(row).toContainText('1/4', { timeout: 15_000 });
  await expect(row).toContainText('En cours');
  await row.getByRole('button', { name: /Détail du lab/ }).click();
  const detail = instructor.getByTestId('lab-evidence');
  await expect(detail).toContainText('Linus Martin — Premiers pas avec Docker');
  await expect(detail).toContainText('Étape 1 : « Vérifier » — réussi');

  const csvHref = await instructor.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href');
  const csv = await instructor.request.get(csvHref ?? '');
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  const text = await csv.text();
  expect(text).toContain('Nom;E-mail;Premiers pas avec Docker (lab /4);Total /4');
  expect(text).toContain(`Linus Martin;${pupil.email};1;1`);
  const canvasHref = await instructor.getByRole('link', { name: 'CSV (virgules, pour Canvas)' }).getAttribute('href');
  const canvas = await (await instructor.request.get(canvasHref ?? '')).text();
  expect(canvas).toContain('Student,ID,SIS Login ID,Section,Premiers pas avec Docker (lab)\r\nPoints Possible,,,,4\r\n');
  expect(canvas).toContain(`Linus Martin,,${pupil.email},,1`);

  // A token made on the class page lets a gradebook read the same result, without a session.
  await instructor.getByRole('link', { name: '← Notes — groupe A' }).click();
  await expect(instructor).toHaveURL(/\/classes\/[0-9a-f-]{36}$/);
  const classId = /\/classes\/([0-9a-f-]{36})$/.exec(instructor.url())?.[1];
  await instructor.getByLabel('Nom du jeton').fill('Moodle');
  await instructor.getByRole('button', { name: 'Créer un jeton' }).click();
  await expect(instructor.getByTestId('fresh-token')).toHaveValue(/^dkg_/);
  const token = await instructor.getByTestId('fresh-token').inputValue();
  await expect(instructor.getByTestId('grader-tokens')).toContainText('Moodle');
  const api = await browser.newContext();
  const graded = await api.request.get(`/api/grader/v1/classes/${classId}/results`, { headers: { authorization: `Bearer ${token}` } });
  expect(graded.status()).toBe(200);
  const { results } = await graded.json();
  expect(results.students).toEqual([expect.objectContaining({ email: pupil.email, total: 1 })]);
  await api.close();

  // The student's outline shows the score and where to resume.
  await student.goto('/');
  await expect(student.locator('#chapitre-4')).toContainText('Lab : 1/4 pts · reprendre à l’étape 2');

  await student.goto('/labs/premiers-pas');
  await endLab(student);
  await classroom.close();
});

test('a student cannot open a class’s dashboard or its CSV', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUpStudent(page, 'Curieuse');
  const classId = '00000000-0000-4000-8000-000000000000';
  const response = await page.goto(`/classes/${classId}/resultats`);
  expect(response?.status()).toBe(404);
  const csv = await page.request.get(`/api/classes/${classId}/results/csv`);
  expect(csv.status()).toBe(403);
  await context.close();
});
