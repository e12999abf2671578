// « Indice » and « Voir la solution » on the lab page, against the real server: hints one by
// one, the solution only after a confirmation, and both still there after a reload because
// the server recorded them.
import { expect, test } from '@playwright/test';
import { signUpStudent } from './accounts';
import { endLab, expectConnected, FIRST_LAB, startLab } from './lab-page';

test('hints come one at a time and the solution after a confirmation; a reload shows them again', async ({ page }) => {
  await signUpStudent(page);
  // Before the lab runs there is no session to record help against.
  await page.goto(FIRST_LAB);
  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(page.getByRole('button', { name: 'Indice', exact: true })).toBeDisabled();

  await startLab(page);
  await expect(page.getByRole('heading', { name: 'Lancer hello-world' })).toBeVisible();
  await page.getByRole('button', { name: 'Indice', exact: true }).click();
  await expect(page.getByTestId('hint')).toHaveCount(1);
  await expect(page.getByTestId('hint').first()).toContainText('hello-world');
  await page.getByRole('button', { name: 'Indice suivant' }).click();
  await expect(page.getByTestId('hint')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Plus d’autre indice' })).toBeDisabled();

  // Cancelled: nothing is revealed.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByRole('button', { name: 'Voir la solution' }).click();
  await expect(page.getByRole('button', { name: 'Voir la solution' })).toBeVisible();
  await expect(page.getByTestId('solution')).toHaveCount(0);

  let question = '';
  page.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await page.getByRole('button', { name: 'Voir la solution' }).click();
  await expect(page.getByTestId('solution')).toContainText('docker run hello-world');
  expect(question).toContain('Votre enseignant verra');
  await expect(page.getByTestId('solution-badge')).toHaveText('Solution consultée');
  await expect(page.getByRole('button', { name: /l’étape 1 : .*\(solution consultée\)/ })).toBeVisible();

  await page.reload();
  await expectConnected(page);
  await expect(page.getByTestId('hint')).toHaveCount(2);
  await expect(page.getByTestId('solution')).toContainText('docker run hello-world');
  await expect(page.getByTestId('solution-badge')).toBeVisible();

  // Help belongs to its step: the next one shows none.
  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(page.getByRole('heading', { name: 'Lister les conteneurs' })).toBeVisible();
  await expect(page.getByTestId('hint')).toHaveCount(0);
  await expect(page.getByTestId('solution-badge')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Indice', exact: true })).toBeEnabled();

  await endLab(page);
});
