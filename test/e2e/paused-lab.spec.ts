// Labs that last (issue 14), as a student lives them: « Mettre en pause », come back the next
// day (the course outline says the lab waits), « Reprendre » finds the files again, a step
// passed after the pause, then « Revenir à l'étape 1 » throws away what came after it.
// Real Chromium, real server, real machines. The server's clock cannot be moved: « tomorrow »
// is the browser's clock (the page words the dates by the reader's calendar day).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_ADMIN, signIn, signUpStudent } from './accounts';
import { endLab, expectConnected, expectOnScreen, FIRST_LAB, passFirstStep, startLab, typeInTerminal } from './lab-page';

const DAY_MS = 24 * 3_600_000;

/** The same student, on the same cookies, opening the site a day later. */
async function openTomorrow(browser: Browser, page: Page): Promise<Page> {
  const context = await browser.newContext({ storageState: await page.context().storageState() });
  const later = await context.newPage();
  await later.clock.install({ time: Date.now() + DAY_MS });
  return later;
}

test('a paused lab keeps its files until « Reprendre », and goes back to a passed step', async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signUpStudent(page);
  await startLab(page);
  // The file's text only exists once the shell ran the command: gar0de is never typed.
  await typeInTerminal(page, 'echo gar$((0))de > ~/garde.txt && echo ecr$((1+1))it\n');
  await expectOnScreen(page, 'ecr2it');

  await page.getByRole('button', { name: 'Mettre en pause' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Mise en pause de vos machines…' })).toBeVisible();
  const paused = page.getByTestId('paused-lab');
  await expect(paused.getByRole('heading', { name: 'Lab en pause' })).toBeFocused({ timeout: 60_000 });
  await expect(paused).toContainText(/En pause depuis aujourd’hui à \d\d:\d\d/);
  await expect(paused).toContainText(/Gardé jusqu’au \p{L}+ \d{1,2}(er)? \p{L}+/u);
  await expect(paused).toContainText(/Vos labs en pause : [\d\s,]+(Mo|Go) sur 10\sGo/);
  await expect(page.getByRole('button', { name: 'Mettre en pause' })).toBeHidden();

  // The next day: the lab page and the course outline say since when it waits.
  const later = await openTomorrow(browser, page);
  await later.goto(FIRST_LAB);
  await expect(later.getByTestId('paused-lab')).toContainText(/En pause depuis hier à \d\d:\d\d/);
  await later.goto('/');
  const badge = later.getByTestId('paused-lab-badge');
  await expect(badge).toContainText(/Lab en pause depuis hier à \d\d:\d\d/);
  await badge.getByRole('link', { name: 'Reprendre : Premiers pas avec Docker' }).click();
  await expect(later.getByRole('button', { name: 'Reprendre' })).toBeVisible();
  await later.context().close();

  // The operator sees what paused labs hold.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, E2E_ADMIN);
  await admin.goto('/admin');
  await expect(admin.getByTestId('paused-total')).toContainText(/^\d+ labs? en pause, qui occupe(nt)? [\d\s,]+(Mo|Go) de disque\.$/);
  await adminContext.close();

  await page.reload();
  await page.getByRole('button', { name: 'Reprendre' }).click();
  await expectConnected(page, 90_000);
  await typeInTerminal(page, 'cat ~/garde.txt\n');
  await expectOnScreen(page, 'gar0de');

  // A step passed after the pause; from then on the machines can go back to it.
  await passFirstStep(page);

  await typeInTerminal(page, 'echo apr$((0))es > ~/apres.txt && echo ecr$((2+1))it\n');
  await expectOnScreen(page, 'ecr3it');
  const goBack = page.getByRole('button', { name: 'Revenir à l’étape 1' });
  // The confirmation says what is lost, starts on « Annuler », and Échap closes it.
  await goBack.click();
  const dialog = page.getByRole('dialog', { name: 'Revenir à l’étape 1 ?' });
  await expect(dialog).toContainText('Tout ce que vous avez fait depuis sera perdu');
  await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(goBack).toBeFocused();

  // A second tab on the lab is told, and attaches again once the machines are back.
  const otherTab = await page.context().newPage();
  await otherTab.goto(FIRST_LAB);
  await expectConnected(otherTab);

  await goBack.click();
  await dialog.getByRole('button', { name: 'Revenir à l’étape 1' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Retour à l’étape 1…' })).toBeVisible();
  await expectConnected(page, 90_000);
  await expectConnected(otherTab, 90_000);
  await typeInTerminal(otherTab, 'test -e ~/apres.txt || echo dis$((3+3))paru\n');
  await expectOnScreen(otherTab, 'dis6paru');
  await otherTab.close();

  // Back as at step 1: the file of before the pause is there (in capitals: never on screen yet), the later one gone.
  await typeInTerminal(page, 'tr a-z A-Z < ~/garde.txt; test -e ~/apres.txt && echo en$((0))core || echo dis$((1+1))paru\n');
  await expectOnScreen(page, 'GAR0DE');
  await expectOnScreen(page, 'dis2paru');
  await endLab(page);
});

test('past the storage quota, the paused panel warns the lab will be deleted unless resumed', async ({ page }) => {
  // The quota is 10 GiB a student: the server's answer is given here, as the page gets it
  // (the server's side of the quota is in test/integration/sessions/pauses.test.ts).
  const pausedAt = new Date(Date.now() - 3 * DAY_MS);
  const deletedAt = new Date(Date.now() + DAY_MS);
  await signUpStudent(page);
  await page.route(`**/api${FIRST_LAB}/session`, (route) =>
    route.request().method() === 'GET'
      ? route.fulfill({
          json: {
            session: {
              id: '00000000-0000-4000-8000-000000000001',
              lab: 'premiers-pas',
              state: 'paused',
              nodes: ['node1'],
              startedAt: pausedAt.toISOString(),
              pausedAt: pausedAt.toISOString(),
              keepUntil: deletedAt.toISOString(),
              keepReason: 'quota',
              restorableSteps: [],
              expiresAt: pausedAt.toISOString(),
              maxExpiresAt: pausedAt.toISOString(),
            },
            storage: { pausing: true, usedMiB: 11 * 1024 + 205, quotaMiB: 10 * 1024, labs: [] },
          },
        })
      : route.fallback(),
  );
  await page.goto(FIRST_LAB);
  const warning = page.getByTestId('paused-lab').getByRole('alert');
  await expect(warning).toContainText(/Espace de stockage dépassé\. .* ce lab sera supprimé demain à \d\d:\d\d, sauf si vous le reprenez ou terminez un autre de vos labs en pause\./);
  await expect(warning.getByRole('link', { name: 'Voir vos labs en pause dans le programme' })).toHaveAttribute('href', '/#programme');
  await expect(page.getByTestId('paused-lab')).toContainText(/Vos labs en pause : 11,2\sGo sur 10\sGo/);
  await expect(page.getByTestId('paused-lab')).not.toContainText('Gardé jusqu’au');
  // Checks wait for the machines: the step says to resume, not to start.
  await expect(page.getByText('Reprenez le lab pour vérifier cette étape.')).toBeVisible();
});
