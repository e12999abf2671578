// A forgotten password, without a mail server: the admin gives a provisional one on the admin
// page (the student's open sessions end), the student signs in with it and chooses their own
// in « Mon compte ». Real Chromium, real server, real database.
import { expect, test } from '@playwright/test';
import { E2E_ADMIN, signIn, signUpStudent } from './accounts';

test('an admin gives a provisional password, and the student replaces it in « Mon compte »', async ({ browser }) => {
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  const account = await signUpStudent(student, 'Marie Curie');

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, E2E_ADMIN);
  await admin.goto(`/admin?q=${encodeURIComponent(account.email)}`);
  const row = admin.locator(`tr[data-email="${account.email}"]`);
  admin.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: 'Nouveau mot de passe' }).click();
  const shown = row.getByLabel('Mot de passe provisoire de Marie Curie');
  await expect(shown).toHaveValue(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  const provisional = await shown.inputValue();
  await adminContext.close();

  // The student's open session ended with the old password.
  await student.goto('/compte');
  await expect(student).toHaveURL(/\/connexion/);
  await signIn(student, { email: account.email, password: provisional });
  await student.getByTestId('signed-in-user').getByRole('link', { name: 'Marie Curie' }).click();
  await expect(student.getByRole('heading', { level: 1 })).toHaveText('Mon compte');

  const form = student.getByRole('region', { name: 'Changer de mot de passe' });
  await form.getByLabel('Mot de passe actuel (ou provisoire)').fill('pas-le-bon-mot');
  await form.getByLabel('Nouveau mot de passe', { exact: true }).fill('radium-polonium');
  await form.getByLabel('Nouveau mot de passe, encore').fill('radium-polonium');
  await form.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(form.getByRole('alert')).toContainText('Mot de passe actuel incorrect');

  await form.getByLabel('Mot de passe actuel (ou provisoire)').fill(provisional);
  await form.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(form.getByRole('status')).toHaveText('Mot de passe changé.');

  await student.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(student.getByRole('link', { name: 'Se connecter' })).toBeVisible();
  await signIn(student, { email: account.email, password: 'radium-polonium' });
  await studentContext.close();
});
