// The replay of a student's lab terminal: the student is told the terminal is recorded, runs a
// command and presses « Vérifier »; their instructor opens the recording from the dashboard's
// drill-down, the player replays it, the marks list the checks, and choosing a mark moves the
// player there. Real Chromium, real server, real sandbox, real asciinema-player.
import { expect, test } from '@playwright/test';
import { openClassroom } from './classroom';
import { endLab, expectOnScreen, passFirstStep, startLab, typeInTerminal } from './lab-page';

test('an instructor replays a student’s terminal with a mark at each check', async ({ browser }) => {
  const classroom = await openClassroom(browser, { name: 'Relecture — groupe E', teacherName: 'Grace Hopper', studentName: 'Alan Kay', assign: ['lab/premiers-pas'] });
  const { instructor, student, pupil } = classroom;

  await startLab(student);
  // Told under the terminal, with the operator's keeping time (DOCKYARD_RECORDING_DAYS, 30 by default).
  await expect(student.getByTestId('recording-note')).toContainText('Ce terminal est enregistré');
  await expect(student.getByTestId('recording-note')).toContainText('supprimé 30 jours après votre dernière activité');
  await typeInTerminal(student, 'echo enregistre-$((40+2))\n');
  await expectOnScreen(student, 'enregistre-42');
  // Too early: hello-world has not run yet, the check fails; then the step is passed.
  await student.getByRole('button', { name: 'Vérifier' }).first().click();
  await expect(student.getByTestId('check-result')).toHaveAttribute('data-passed', 'false');
  await passFirstStep(student);

  await instructor.getByRole('link', { name: 'Résultats' }).click();
  await instructor.getByTestId(`results-${pupil.email}`).getByRole('button', { name: /Détail du lab/ }).click();
  // The first piece of the recording is written a few seconds in: the drill-down asks again as the dashboard refreshes.
  await instructor.getByTestId('recording-links').getByRole('link', { name: 'Voir l’enregistrement' }).click();
  await expect(instructor.getByRole('heading', { level: 1 })).toHaveText('Alan Kay — Premiers pas avec Docker');
  const player = instructor.getByTestId('recording-player');
  await expect(player.locator('.ap-player')).toBeVisible();

  const marks = instructor.getByTestId('recording-marks').getByRole('button');
  const failed = marks.filter({ hasText: "Vérification de l'étape 1 : échouée" });
  const passed = marks.filter({ hasText: "Vérification de l'étape 1 : réussie" });
  await expect(failed).toHaveCount(1);
  await expect(passed).toHaveCount(1);

  // Keyboard, as anyone may: a mark moves playback there, and says so. At the failed check,
  // the player's screen shows what the student had typed and seen just before.
  await failed.focus();
  await instructor.keyboard.press('Enter');
  await expect(instructor.getByRole('status').filter({ hasText: 'Lecture placée au repère' })).toContainText("Vérification de l'étape 1 : échouée");
  await expect(player).toContainText('enregistre-42');
  const position = async () => Number(await instructor.getByTestId('recording-position').getAttribute('data-seconds'));
  const atFailedCheck = await position();
  expect(atFailedCheck).toBeGreaterThan(0);
  // Later in the replay: the passed check, after hello-world ran.
  await passed.click();
  await expect(player).toContainText('Pour aller plus loin');
  expect(await position()).toBeGreaterThan(atFailedCheck);
  await endLab(student);
  await classroom.close();
});
