// The student's first lab, end to end: real Chromium, real server, real sandbox.
import { expect, test } from '@playwright/test';
import { endLab, expectConnected, expectOnScreen, FIRST_LAB, screenText, startLab, typeInTerminal } from './lab-page';
import { signUpStudent } from './accounts';

const LAB = FIRST_LAB;


// Labs need an account: each test is a new student, signed in.
test.beforeEach(async ({ page }) => {
  await signUpStudent(page);
});
test('from the course outline to the lesson and its lab', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /Premiers pas avec Docker/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Premiers pas avec Docker');
  await expect(page.locator('pre code.hljs').first()).toBeVisible();
  await expect(page.locator('svg').first()).toBeVisible();
  await page.getByRole('link', { name: /Ouvrir le lab/ }).click();
  await expect(page).toHaveURL(new RegExp(`${LAB}$`));
  await expect(page.getByRole('button', { name: 'Démarrer le lab' })).toBeVisible();
});

test('a student runs commands in their sandbox, passes a check, reloads, and ends the lab', async ({ page }) => {
  await startLab(page);

  // Only a shell that really ran the command can print the computed text.
  await typeInTerminal(page, 'echo he$((20+22))llo; export MARK=tortue\n');
  await expectOnScreen(page, 'he42llo');

  // The step's command block is typed into the terminal on click; the image comes from the offline registry.
  await page.locator('[data-exec]').first().click();
  // The greeting's last lines (its first ones may have scrolled out of the visible rows).
  await expectOnScreen(page, 'Pour aller plus loin, lancez un shell', 60_000);
  // « Vérifier » at once, as a student would: the check waits for the container to end.
  await page.getByRole('button', { name: 'Vérifier' }).first().click();
  await expect(page.getByTestId('check-result')).toHaveAttribute('data-passed', 'true');

  // A reload reattaches to the same shell: its screen and its variables are still there.
  await typeInTerminal(page, 'echo avant-$((1+1))-rechargement\n');
  await expectOnScreen(page, 'avant-2-rechargement');
  await page.reload();
  await expectConnected(page);
  await expectOnScreen(page, 'avant-2-rechargement');
  await typeInTerminal(page, 'echo "marque=$MARK"\n');
  await expectOnScreen(page, 'marque=tortue');

  await endLab(page);
});

test('a failed check shows the script’s explanation', async ({ page }) => {
  await startLab(page);
  // Nothing was run yet, so the first step's check must fail and say why.
  await page.getByRole('button', { name: 'Vérifier' }).first().click();
  const result = page.getByTestId('check-result');
  await expect(result).toHaveAttribute('data-passed', 'false');
  await expect(result).toContainText('hello-world');
  await endLab(page);
});

test('another student cannot reach someone else’s session', async ({ page, browser }) => {
  await startLab(page);
  const { session } = await (await page.request.get(`/api${LAB}/session`)).json();
  expect(session?.id).toBeTruthy();

  // Another student, signed in with their own account.
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await signUpStudent(strangerPage, 'Autre élève');
  for (const attempt of [
    strangerPage.request.post(`/api/sessions/${session.id}/checks`, { data: { step: 0 } }),
    strangerPage.request.delete(`/api/sessions/${session.id}`),
  ]) {
    const response = await attempt;
    expect(response.status()).toBe(404);
    expect((await response.json()).message).toBeTruthy();
  }
  // Their own view of the lab shows no session.
  expect((await (await strangerPage.request.get(`/api${LAB}/session`)).json()).session).toBeNull();
  await stranger.close();

  // The owner's session is untouched.
  await page.reload();
  await expectConnected(page);
  await endLab(page);
});

test('the terminal follows the window size and runs full-screen programs', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await startLab(page);
  /** Asks the shell for its width; `marker` tells this answer apart from earlier ones. */
  const sizeOnScreen = async (marker: string): Promise<number> => {
    await typeInTerminal(page, `echo ${marker}=$(stty size | cut -d' ' -f2)\n`);
    let columns = 0;
    await expect
      .poll(async () => (columns = Number(new RegExp(`${marker}=(\\d+)`).exec(await screenText(page))?.[1] ?? 0)))
      .toBeGreaterThan(0);
    return columns;
  };
  const wide = await sizeOnScreen('large');
  await page.setViewportSize({ width: 1000, height: 800 });
  await expect.poll(() => sizeOnScreen(`etroit${Date.now()}`), { timeout: 20_000 }).toBeLessThan(wide);

  // busybox's interactive shell, then a full-screen program, both drawn in the terminal.
  await typeInTerminal(page, 'docker run -it --rm busybox sh\n');
  await typeInTerminal(page, 'echo dans-$((3*3))-busybox; exit\n');
  await expectOnScreen(page, 'dans-9-busybox');
  // Back at the node's prompt first: what is typed while the container ends goes to it.
  await expect.poll(async () => /dans-9-busybox[\s\S]*root@node1:~#\s*$/.test(await screenText(page))).toBe(true);
  await typeInTerminal(page, 'less /etc/os-release\n');
  await expectOnScreen(page, 'PRETTY_NAME');
  await typeInTerminal(page, 'q');
  await endLab(page);
});
