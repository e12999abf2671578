// Port preview, end to end: a server the student starts in the terminal opens in a new tab
// through Dockyard, with its stylesheet; a closed port says what to do; strangers see nothing.
import { expect, test } from '@playwright/test';
import { expectOnScreen, FIRST_LAB, startLab, typeInTerminal } from './lab-page';
import { signUpStudent } from './accounts';

const LAB = FIRST_LAB;


// Labs need an account: each test is a new student, signed in.
test.beforeEach(async ({ page }) => {
  await signUpStudent(page);
});
test('a student opens the page their server answers on a port, and only they can', async ({ page, context, browser }) => {
  await startLab(page);

  // The page's text is computed by the shell: it exists only if the commands really ran.
  await typeInTerminal(
    page,
    'mkdir -p www && echo "<h1>Apercu $((6*7))</h1><link rel=stylesheet href=style.css>" > www/index.html' +
      ' && echo "h1 { color: rgb(0, 128, 128) }" > www/style.css' +
      ' && docker run -d -p 8080:8080 -v $PWD/www:/www busybox httpd -f -p 8080 -h /www' +
      ' && echo pret-$((1+1))\n',
  );
  await expectOnScreen(page, 'pret-2');

  const preview = page.getByRole('form', { name: /Aperçu d’un port/ });
  await preview.getByLabel('Aperçu d’un port').fill('8080');
  const [tab] = await Promise.all([context.waitForEvent('page'), preview.getByRole('link', { name: 'Ouvrir' }).click()]);
  await expect(tab.getByRole('heading', { name: 'Apercu 42' })).toBeVisible();
  // The stylesheet is a request of its own, from a page that has an opaque origin.
  await expect(tab.getByRole('heading', { name: 'Apercu 42' })).toHaveCSS('color', 'rgb(0, 128, 128)');
  const { session } = await (await page.request.get(`/api${LAB}/session`)).json();
  expect(tab.url()).toMatch(new RegExp(`/preview/${session.id}\\.[\\w-]+\\.[\\w-]+/node1/8080/$`));
  await tab.close();

  // A port nothing listens on: a French page that says what to do.
  const closed = await page.context().newPage();
  const answer = await closed.goto(`/preview/${session.id}/node1/8081/`);
  expect(answer?.status()).toBe(502);
  await expect(closed.getByRole('heading', { level: 1 })).toHaveText(
    "Rien n'écoute sur le port 8081 de node1 : lancez d'abord votre serveur.",
  );
  await closed.close();

  // Another student, signed in with their own account, is told the preview does not exist.
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await signUpStudent(strangerPage, 'Autre élève');
  const refused = await strangerPage.goto(`/preview/${session.id}/node1/8080/`);
  expect(refused?.status()).toBe(404);
  await expect(strangerPage.getByText('Apercu 42')).toHaveCount(0);
  await stranger.close();

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Terminer le lab' }).click();
  await expect(page.getByRole('button', { name: 'Démarrer le lab' })).toBeVisible();
});
