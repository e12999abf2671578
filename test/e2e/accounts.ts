// Accounts as the e2e tests use them: sign up through the real page, sign in as the admin
// the test server creates at start (playwright.config.ts), give a role through the admin page.
import { randomUUID } from 'node:crypto';
import { expect, type Browser, type Page } from '@playwright/test';

export const E2E_ADMIN = { email: 'admin-e2e@exemple.fr', password: 'admin-e2e-mot-de-passe' };

export interface Account {
  name: string;
  email: string;
  password: string;
}

export function newAccount(name: string): Account {
  return { name, email: `${name.toLowerCase().replace(/[^a-z]+/g, '-')}-${randomUUID().slice(0, 8)}@exemple.fr`, password: 'mot-de-passe-e2e' };
}

/** Fills the sign-up page the browser is on, and waits to be taken where it was going. */
export async function fillSignUp(page: Page, account: Account): Promise<void> {
  await page.getByLabel('Nom').fill(account.name);
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel('Mot de passe').fill(account.password);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.getByTestId('signed-in-user')).toContainText(account.name);
}

/** A new student, signed in on this page's browser. */
export async function signUpStudent(page: Page, name = 'Élève'): Promise<Account> {
  const account = newAccount(name);
  await page.goto('/inscription');
  await fillSignUp(page, account);
  return account;
}

export async function signIn(page: Page, account: Pick<Account, 'email' | 'password'>): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel('Mot de passe').fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByTestId('signed-in-user')).toBeVisible();
}

/** The admin, in a browser of their own, gives `email` a role on the admin page. */
export async function giveRole(browser: Browser, email: string, role: 'Enseignant' | 'Administrateur'): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, E2E_ADMIN);
  await page.goto(`/admin?q=${encodeURIComponent(email)}`);
  const roleSelect = page.locator(`tr[data-email="${email}"]`).getByRole('combobox');
  const saved = page.waitForResponse((response) => response.request().method() === 'PATCH' && response.ok());
  await roleSelect.selectOption({ label: role });
  await saved;
  // What the server now holds, not what the select shows.
  await page.reload();
  await expect(roleSelect).toHaveValue(role === 'Enseignant' ? 'instructor' : 'admin');
  await context.close();
}
