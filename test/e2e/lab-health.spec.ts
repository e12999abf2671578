// « Santé des labs »: the admin finds it from /admin (a real table per pack, every lab « Jamais
// testé » on this fresh server, « Lancer maintenant » offered but not pressed: a run would take
// the suite's places for minutes); a student and an instructor who maintains no pack are refused,
// and the instructor's « Mes classes » has no link to it. Who sees which pack, and the nightly
// runs themselves: test/integration/lab-health.
import { expect, test } from '@playwright/test';
import { E2E_ADMIN, giveRole, newAccount, fillSignUp, signIn, signUpStudent } from './accounts';

test('the admin opens « Santé des labs » from /admin', async ({ page }) => {
  await signIn(page, E2E_ADMIN);
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Santé des labs' }).click();

  await expect(page).toHaveURL(/\/sante-des-labs$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Santé des labs');
  await expect(page.getByRole('button', { name: 'Lancer maintenant' })).toBeEnabled();
  const builtin = page.getByTestId('lab-health-dockyard');
  await expect(builtin.locator('caption')).toContainText('Labs du paquet');
  await expect(builtin.getByRole('columnheader', { name: 'Échoue depuis' })).toBeVisible();
  // Each lab is a row headed by its title; its state is said in words, not by a colour alone.
  const firstLab = builtin.locator('tbody tr').first();
  await expect(firstLab.getByRole('rowheader')).not.toBeEmpty();
  await expect(firstLab).toContainText('Jamais testé');
});

test('a student and an instructor who maintains no pack are refused', async ({ page, browser }) => {
  await signUpStudent(page);
  await page.goto('/sante-des-labs');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réservé aux administrateurs et aux mainteneurs de paquets');

  const teacher = newAccount('Enseignant');
  const context = await browser.newContext();
  const teacherPage = await context.newPage();
  await teacherPage.goto('/inscription');
  await fillSignUp(teacherPage, teacher);
  await giveRole(browser, teacher.email, 'Enseignant');
  await teacherPage.goto('/classes');
  await expect(teacherPage.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(teacherPage.getByRole('link', { name: 'Santé des labs' })).toHaveCount(0);
  await teacherPage.goto('/sante-des-labs');
  await expect(teacherPage.getByRole('heading', { level: 1 })).toHaveText('Réservé aux administrateurs et aux mainteneurs de paquets');
  await context.close();
});
