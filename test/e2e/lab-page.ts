// What every e2e test does on a lab page, in one place: start and end a lab, type in the
// terminal, read what xterm.js shows (its DOM renderer keeps the text in .xterm-rows).
import { expect, type Page } from '@playwright/test';

export const FIRST_LAB = '/labs/premiers-pas';

export async function screenText(page: Page): Promise<string> {
  return page.getByTestId('terminal').locator('.xterm-rows').innerText();
}

export async function typeInTerminal(page: Page, text: string): Promise<void> {
  await page.getByTestId('terminal').locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(text);
}

export async function expectOnScreen(page: Page, text: string, timeout = 30_000): Promise<void> {
  await expect.poll(() => screenText(page), { timeout }).toContain(text);
}

export async function expectConnected(page: Page, timeout = 60_000): Promise<void> {
  await expect(page.getByTestId('terminal-status')).toHaveText('Connecté', { timeout });
}

export async function startLab(page: Page, lab = FIRST_LAB): Promise<void> {
  await page.goto(lab);
  await page.getByRole('button', { name: 'Démarrer le lab' }).click();
  await expectConnected(page, 90_000);
}

/** Step 1 of the first lab: its command typed from the page, then « Vérifier » passes. */
export async function passFirstStep(page: Page): Promise<void> {
  await expect(page.locator('#titre-etape')).toHaveText('Lancer hello-world');
  await page.locator('[data-exec]').first().click();
  await expectOnScreen(page, 'Pour aller plus loin, lancez un shell', 60_000);
  await page.getByRole('button', { name: 'Vérifier' }).first().click();
  await expect(page.getByTestId('check-result')).toHaveAttribute('data-passed', 'true');
}

export async function endLab(page: Page): Promise<void> {
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Terminer le lab' }).click();
  await expect(page.getByRole('button', { name: 'Démarrer le lab' })).toBeVisible();
}
