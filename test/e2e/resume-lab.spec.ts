// Coming back to a lab: the page opens at the first step not passed yet, with the steps
// passed before marked so, whether the student left for another page or reloaded. Real
// Chromium, real server, real sandbox.
import { expect, test, type Page } from '@playwright/test';
import { signUpStudent } from './accounts';
import { endLab, expectConnected, FIRST_LAB, passFirstStep, startLab } from './lab-page';

/** The step the page shows, and which of the progress bar's steps say « validée ». */
async function expectAtStep2WithStep1Passed(page: Page): Promise<void> {
  await expectConnected(page);
  await expect(page.locator('#titre-etape')).toHaveText('Lister les conteneurs');
  const steps = page.getByRole('list', { name: 'Étapes du lab' });
  await expect(steps.getByRole('button', { name: 'Aller à l’étape 1 : Lancer hello-world (validée)' })).toBeVisible();
  await expect(steps.getByRole('button', { name: /^Aller à l’étape 2 : Lister les conteneurs$/ })).toHaveAttribute('aria-current', 'step');
}

test('a student who passed step 1, left and came back finds step 2, with step 1 passed', async ({ page }) => {
  await signUpStudent(page);
  await startLab(page);
  await passFirstStep(page);

  // Off to the course outline, then back to the lab: the session is still running.
  await page.goto('/');
  await page.goto(FIRST_LAB);
  await expectAtStep2WithStep1Passed(page);

  // A reload finds the same place.
  await page.reload();
  await expectAtStep2WithStep1Passed(page);
  await endLab(page);
});
