// A class from both sides: an instructor (given the role by the admin) creates a class and
// assigns the first lab; a student follows the join link, signs up on the way, joins, opens
// the assignment and starts the lab; the admin renames a class and hands it over to another
// instructor. Real Chromium, real server, real sandbox.
import { expect, test } from '@playwright/test';
import { E2E_ADMIN, fillSignUp, giveRole, newAccount, signIn, signUpStudent } from './accounts';
import { endLab, expectConnected, expectOnScreen, typeInTerminal } from './lab-page';

test('an instructor runs a class, a student joins it and starts the assigned lab', async ({ browser }) => {
  // The instructor signs up as everyone does, then the admin makes them an instructor.
  const instructorContext = await browser.newContext();
  const instructor = await instructorContext.newPage();
  const teacher = await signUpStudent(instructor, 'Marie Curie');
  await instructor.goto('/classes');
  await expect(instructor.getByRole('heading', { name: 'Classes que j’enseigne' })).toHaveCount(0);
  await giveRole(browser, teacher.email, 'Enseignant');

  await instructor.goto('/classes');
  await instructor.getByLabel('Nom de la nouvelle classe').fill('BTS SIO 2 — groupe B');
  await instructor.getByRole('button', { name: 'Créer la classe' }).click();
  await expect(instructor.getByRole('heading', { level: 1 })).toHaveText('BTS SIO 2 — groupe B');
  await instructor.getByLabel('Contenu').selectOption({ label: 'Lab — 4. Premiers pas avec Docker' });
  await instructor.getByLabel('Échéance (facultative)').fill('2099-03-12T18:00');
  await instructor.getByRole('button', { name: 'Donner à la classe' }).click();
  await expect(instructor.getByTestId('assignments')).toContainText('Premiers pas avec Docker');
  const code = (await instructor.getByTestId('join-code').innerText()).trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  const link = await instructor.getByLabel('Lien d’invitation').inputValue();
  expect(link).toMatch(new RegExp(`/rejoindre/${code.replace('-', '')}$`));

  // The student opens the join link without an account: sign-up, then back to the link.
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  await student.goto(link);
  await expect(student).toHaveURL(/\/connexion\?retour=/);
  await expect(student.getByText('Un compte est nécessaire pour rejoindre une classe')).toBeVisible();
  await student.getByRole('link', { name: 'Créer un compte' }).last().click();
  await fillSignUp(student, newAccount('Pierre Durand'));
  await expect(student).toHaveURL(new RegExp(`/rejoindre/${code.replace('-', '')}$`));
  await expect(student.getByLabel('Code de la classe')).toHaveValue(code);
  await student.getByRole('button', { name: 'Rejoindre la classe' }).click();

  // The class page shows the assignment and its deadline; the lab starts from it.
  await expect(student.getByRole('heading', { level: 1 })).toHaveText('BTS SIO 2 — groupe B');
  const assignment = student.getByTestId('assignment');
  await expect(assignment).toContainText('Premiers pas avec Docker');
  await expect(assignment).toContainText('À rendre avant le');
  await expect(assignment).toContainText('12 mars 2099');
  await assignment.getByRole('link', { name: 'Premiers pas avec Docker' }).click();
  await expect(student).toHaveURL(/\/labs\/premiers-pas$/);
  await student.getByRole('button', { name: 'Démarrer le lab' }).click();
  await expectConnected(student, 90_000);
  await typeInTerminal(student, 'echo classe-$((40+2))\n');
  await expectOnScreen(student, 'classe-42');

  // The instructor sees the student in the roster.
  await instructor.reload();
  await expect(instructor.getByTestId('roster')).toContainText('Pierre Durand');

  await endLab(student);
  await studentContext.close();
  await instructorContext.close();
});

test('a visitor reads lessons, but the lab asks them to sign in and brings them back', async ({ page }) => {
  await page.goto('/lecons/premiers-pas');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Premiers pas avec Docker');
  await page.goto('/labs/premiers-pas');
  await expect(page.getByRole('heading', { name: 'Connectez-vous pour démarrer ce lab' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Démarrer le lab' })).toHaveCount(0);
  await page.getByRole('main').getByRole('link', { name: 'Créer un compte' }).click();
  await fillSignUp(page, newAccount('Ada Lovelace'));
  await expect(page).toHaveURL(/\/labs\/premiers-pas$/);
  await expect(page.getByRole('button', { name: 'Démarrer le lab' })).toBeVisible();
});

test('a student cannot open the admin page, and signing out ends the session', async ({ page }) => {
  await signUpStudent(page, 'Curieux');
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Réservé aux administrateurs' })).toBeVisible();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
  await page.goto('/classes');
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fclasses$/);
});

test('an admin sees every class, renames one and hands it over to another instructor', async ({ browser }) => {
  const context = await browser.newContext();
  const instructor = await context.newPage();
  const leaving = await signUpStudent(instructor, 'Paul Langevin');
  await giveRole(browser, leaving.email, 'Enseignant');
  await instructor.goto('/classes');
  await instructor.getByLabel('Nom de la nouvelle classe').fill('Première STI2D');
  await instructor.getByRole('button', { name: 'Créer la classe' }).click();
  await expect(instructor.getByRole('heading', { level: 1 })).toHaveText('Première STI2D');
  const classId = new URL(instructor.url()).pathname.split('/').pop() ?? '';
  await context.close();
  const colleagueContext = await browser.newContext();
  const colleague = await signUpStudent(await colleagueContext.newPage(), 'Irène Joliot');
  await colleagueContext.close();
  await giveRole(browser, colleague.email, 'Enseignant');

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, E2E_ADMIN);
  await admin.goto('/admin');
  const row = admin.locator(`tr[data-class-id="${classId}"]`);
  await expect(row).toContainText('Paul Langevin');
  await row.getByText('Modifier').click();
  await row.getByLabel('Nouveau nom de « Première STI2D »').fill('Première STI2D — groupe A');
  await row.getByRole('button', { name: 'Renommer' }).click();
  await expect(row.getByRole('link')).toHaveText('Première STI2D — groupe A');

  await row.getByLabel('Confier « Première STI2D — groupe A » à').selectOption({ label: `Irène Joliot (${colleague.email})` });
  admin.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: 'Confier la classe' }).click();
  await expect(row.locator('td').nth(1)).toHaveText('Irène Joliot');
  // What the server now holds, not what the page shows.
  await admin.reload();
  await expect(row.getByRole('link')).toHaveText('Première STI2D — groupe A');
  await expect(row.locator('td').nth(1)).toHaveText('Irène Joliot');
  await adminContext.close();
});
