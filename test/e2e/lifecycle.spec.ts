// A lab session's lifetime as the student sees it: the countdown, « Prolonger » up to the
// maximum, the warning in the last minutes, « Réinitialiser » giving a fresh machine, and the
// message shown when there is no room. Real Chromium, real server, real sandboxes.
import { expect, test, type Page } from '@playwright/test';
import { endLab, expectConnected, expectOnScreen, FIRST_LAB, screenText, startLab, typeInTerminal } from './lab-page';
import { signUpStudent } from './accounts';

const LAB = FIRST_LAB;
const MIN = 60_000;

async function currentSession(page: Page): Promise<{ id: string; expiresAt: string; maxExpiresAt: string }> {
  const { session } = await (await page.request.get(`/api${LAB}/session`)).json();
  expect(session).toBeTruthy();
  return session;
}


// Labs need an account: each test is a new student, signed in.
test.beforeEach(async ({ page }) => {
  await signUpStudent(page);
});
test('the countdown shows the time left, « Prolonger » adds to it up to the maximum', async ({ page }) => {
  await startLab(page);
  const timer = page.getByTestId('session-timer');
  const extend = page.getByRole('button', { name: 'Prolonger' });
  // A new session has an hour (a second or two went into starting the machine).
  await expect(timer).toHaveText(/^Temps restant : (1 h|59 min)$/);

  await extend.click();
  await expect(timer).toHaveText(/^Temps restant : 1 h (30|29) min$/);
  await extend.click();
  await expect(timer).toHaveText(/^Temps restant : (2 h|1 h 59 min)$/);

  // Two hours is the maximum: the button says no, and why.
  await expect(extend).toBeDisabled();
  await expect(page.getByText('Durée maximale atteinte')).toBeVisible();
  await expect(extend).toHaveAccessibleDescription('Durée maximale atteinte');
  const session = await currentSession(page);
  expect(session.expiresAt).toBe(session.maxExpiresAt);

  // The server keeps the time: a reload shows the same.
  await page.reload();
  await expect(timer).toHaveText(/^Temps restant : (2 h|1 h 59 min)$/);
  await expect(page.getByRole('button', { name: 'Prolonger' })).toBeDisabled();

  // Four minutes before the end (the browser's clock moved forward), the page warns.
  // (Moving the clock makes socket.io think its heartbeat expired: the terminal drops, which
  // is why nothing is typed after this point.)
  await page.clock.setFixedTime(Date.parse(session.expiresAt) - 4 * MIN);
  await expect(timer).toHaveText(/^Temps restant : 4 min 00 s$/);
  await expect(page.getByTestId('expiry-warning')).toContainText('durée maximale');
  await endLab(page);
});

test('in the last five minutes a warning appears, and « Prolonger » makes it go away', async ({ page }) => {
  await startLab(page);
  const session = await currentSession(page);
  const warning = page.getByTestId('expiry-warning');
  await expect(warning).toBeHidden();

  await page.clock.setFixedTime(Date.parse(session.expiresAt) - 3 * MIN - 20_000);
  await expect(page.getByTestId('session-timer')).toHaveText('Temps restant : 3 min 20 s');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Prolongez le lab');

  await page.getByRole('button', { name: 'Prolonger' }).click();
  await expect(page.getByTestId('session-timer')).toHaveText('Temps restant : 34 min');
  await expect(warning).toBeHidden();
  await endLab(page);
});

test('« Réinitialiser » gives a fresh machine: the terminal reattaches and the old files are gone', async ({ page }) => {
  await startLab(page);
  const before = await currentSession(page);
  await typeInTerminal(page, 'echo brouillon > ~/avant.txt && echo ecr$((1+1))it\n');
  await expectOnScreen(page, 'ecr2it');

  // Declining the confirmation changes nothing.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByRole('button', { name: 'Réinitialiser' }).click();
  await typeInTerminal(page, 'cat ~/avant.txt\n');
  await expectOnScreen(page, 'brouillon');
  expect((await currentSession(page)).id).toBe(before.id);

  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('Réinitialiser le lab');
    void dialog.accept();
  });
  await page.getByRole('button', { name: 'Réinitialiser' }).click();
  await expect(page.getByText('Préparation de votre machine…')).toBeVisible();
  await expectConnected(page);
  const after = await currentSession(page);
  expect(after.id).not.toBe(before.id);

  await typeInTerminal(page, 'test -e ~/avant.txt && echo encore-$((0))la || echo dis$((1+1))paru\n');
  await expectOnScreen(page, 'dis2paru');
  expect(await screenText(page)).not.toContain('brouillon');
  await expect(page.getByTestId('session-timer')).toHaveText(/^Temps restant : (1 h|59 min)$/);
  await endLab(page);
});

test('with no room left, « Démarrer » says when to come back instead of spinning', async ({ page }) => {
  // The refusal itself is produced by the server in the integration tests (one lab here
  // cannot fill three places): this checks the page shows the server's envelope as it comes.
  await page.route(`**/api${LAB}/session`, (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({
          status: 429,
          json: {
            message: 'Plus de place pour le moment : réessayez dans 12 minutes.',
            detail: 'Vous avez déjà 3 labs en cours, le maximum par personne : terminez-en un pour libérer une place tout de suite.',
          },
        })
      : route.fallback(),
  );
  await page.goto(LAB);
  await page.getByRole('button', { name: 'Démarrer le lab' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Plus de place' });
  await expect(alert).toContainText('Plus de place pour le moment : réessayez dans 12 minutes.');
  await expect(alert).toContainText('terminez-en un');
  await expect(page.getByRole('button', { name: 'Démarrer le lab' })).toBeEnabled();
});
