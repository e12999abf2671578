// A student who is stuck, seen from the class dashboard: the student's check of step 1 fails
// three times in their real sandbox, and the instructor's dashboard — open all along, never
// reloaded — flags it in words, announces it, marks the cell, and opens the student's
// terminal live from the flag. Real Chromium, real server, real sandbox.
import { expect, test, type Page } from '@playwright/test';
import { openClassroom } from './classroom';
import { endLab, expectOnScreen, startLab, typeInTerminal } from './lab-page';

/** « Vérifier », waiting for the server's verdict: each run is one attempt in the database. */
async function checkAndWait(student: Page): Promise<void> {
  const answered = student.waitForResponse((response) => /\/api\/sessions\/[^/]+\/checks$/.test(new URL(response.url()).pathname) && response.request().method() === 'POST');
  await student.getByRole('button', { name: 'Vérifier' }).first().click();
  expect((await answered).ok()).toBe(true);
  await expect(student.getByTestId('check-result')).toHaveAttribute('data-passed', 'false');
}

test('three failed checks flag the student live on the class dashboard, with a working live view', async ({ browser }) => {
  const classroom = await openClassroom(browser, { name: 'Difficultés — groupe E', teacherName: 'Margaret Hamilton', studentName: 'Dennis Ritchie', assign: ['lab/premiers-pas'] });
  const { instructor, student, pupil } = classroom;

  await instructor.getByRole('link', { name: 'Résultats' }).click();
  await expect(instructor).toHaveURL(/\/classes\/[0-9a-f-]{36}\/resultats$/);
  const classId = /\/classes\/([0-9a-f-]{36})\/resultats$/.exec(instructor.url())?.[1];
  const panel = instructor.getByTestId('stuck-students');
  await expect(panel.getByRole('heading', { name: 'Élèves en difficulté' })).toBeVisible();
  await expect(panel).toContainText('Personne ne semble bloqué pour l’instant.');

  // Step 1 checked before its command ran: it fails, for real, in the student's sandbox.
  await startLab(student);
  await expect(student.locator('#titre-etape')).toHaveText('Lancer hello-world');
  await checkAndWait(student);
  await checkAndWait(student);
  // Two failures are not yet « stuck »: what the dashboard polls says nobody.
  const polled = await instructor.request.get(`/api/classes/${classId}/results`);
  expect((await polled.json()).stuck).toEqual([]);
  await checkAndWait(student);

  // No reload on the instructor's side: the next poll brings the flag, in words.
  const flag = panel.getByTestId('stuck-flag');
  await expect(flag).toHaveCount(1, { timeout: 15_000 });
  await expect(flag).toContainText('Dennis Ritchie — Premiers pas avec Docker : 3 échecs de suite à l’étape 1');
  await expect(panel.getByRole('status')).toHaveText(/Nouvelle alerte : Dennis Ritchie, Premiers pas avec Docker, 3 échecs de suite à l’étape 1/);
  await expect(instructor.getByTestId(`results-${pupil.email}`)).toContainText('En difficulté');
  const recording = flag.getByRole('link', { name: 'Voir l’enregistrement du lab de Dennis Ritchie' });
  await expect(recording).toHaveAttribute('href', new RegExp(`^/classes/${classId}/enregistrement/[0-9a-f-]{36}$`));

  // From the flag to the student's terminal, live.
  await typeInTerminal(student, 'echo bloque-$((40+2))\n');
  await expectOnScreen(student, 'bloque-42');
  await flag.getByRole('link', { name: 'Voir en direct le terminal de Dennis Ritchie' }).click();
  await expect(instructor).toHaveURL(new RegExp(`/classes/${classId}/direct/[0-9a-f-]{36}$`));
  await expect(instructor.getByRole('heading', { level: 1 })).toHaveText('Dennis Ritchie — Premiers pas avec Docker');
  await expect(instructor.getByTestId('terminal-status')).toHaveText('Connecté', { timeout: 30_000 });
  await expectOnScreen(instructor, 'bloque-42');

  // The student gets past the step: the flag goes.
  await instructor.goBack();
  await student.locator('[data-exec]').first().click();
  await expectOnScreen(student, 'Pour aller plus loin, lancez un shell', 60_000);
  await student.getByRole('button', { name: 'Vérifier' }).first().click();
  await expect(student.getByTestId('check-result')).toHaveAttribute('data-passed', 'true');
  await expect(instructor.getByTestId('stuck-students')).toContainText('Personne ne semble bloqué pour l’instant.', { timeout: 15_000 });

  await endLab(student);
  await classroom.close();
});
