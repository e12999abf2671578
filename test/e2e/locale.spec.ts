// The UI speaks French by default; the header's switch turns its own words to English (the
// course stays French), keeps the choice across reloads, and switches back without a reload.
import { expect, test, type Page } from '@playwright/test';
import { signUpStudent } from './accounts';
import { endLab, expectConnected, expectOnScreen, FIRST_LAB, typeInTerminal } from './lab-page';

async function switchTo(page: Page, language: 'FR' | 'EN'): Promise<void> {
  const languages = page.getByRole('banner').getByRole('group');
  await languages.getByRole('button', { name: new RegExp(`^${language}\\b`) }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language.toLowerCase());
}

test('a visitor reads the site in English, keeps it after a reload, and goes back to French', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('link', { name: 'Commencer le cours' })).toBeVisible();

  await switchTo(page, 'EN');
  await expect(page.getByRole('link', { name: 'Start the course' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The syllabus' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(page).toHaveTitle(/learn containers hands-on/);
  await expect(page.getByRole('banner').getByRole('button', { name: /^EN\b/ })).toHaveAttribute('aria-pressed', 'true');
  // The course itself stays French.
  await expect(page.getByRole('link', { name: /Premiers pas avec Docker/ }).first()).toBeVisible();

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'Start the course' })).toBeVisible();

  await switchTo(page, 'FR');
  await expect(page.getByRole('link', { name: 'Commencer le cours' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: 'Commencer le cours' })).toBeVisible();
});

test('a student runs a lab in English, then switches back to French without losing the terminal', async ({ page }) => {
  await signUpStudent(page);
  await page.goto(FIRST_LAB);
  await switchTo(page, 'EN');
  await page.getByRole('button', { name: 'Start the lab' }).click();
  await expect(page.getByTestId('terminal-status')).toHaveText('Connected', { timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Extend' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reset' })).toBeVisible();
  await expect(page.getByTestId('session-timer')).toContainText('Time left:');
  await expect(page.getByRole('button', { name: 'Check', exact: true })).toBeVisible();
  // The step's Markdown is the same for everyone; its action buttons speak the reader's language.
  await expect(page.locator('button.code-block__button').first()).toHaveText('▶ Run');

  await typeInTerminal(page, 'echo lang$((40+2))ue\n');
  await expectOnScreen(page, 'lang42ue');
  await switchTo(page, 'FR');
  await expect(page.getByRole('button', { name: 'Vérifier', exact: true })).toBeVisible();
  await expect(page.locator('button.code-block__button').first()).toHaveText('▶ Exécuter');
  await expectConnected(page);
  // Switching re-renders in place: the same shell, its screen intact.
  await expectOnScreen(page, 'lang42ue');
  await endLab(page);
});
