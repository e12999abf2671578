// /images, where the lab node's docker wrapper sends a student whose image is missing: the
// catalog with every tag and its notes, a filter that says how many images are left, in both
// languages, linked from every page's footer.
import { expect, test, type Page } from '@playwright/test';
import { readImageNotes, readOfflineCatalog } from '../../server/images/offline-catalog';

const images = readOfflineCatalog();
const notes = readImageNotes();
/** A note as the page shows it: backquotes become <code>, their text stays. */
const shown = (note: string) => note.replaceAll('`', '');

const catalogTable = (page: Page) => page.getByRole('table', { name: /Images du catalogue hors ligne/ });

test('a student finds nginx:alpine and its note, filters for python, and reads why an image is missing', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Images disponibles hors ligne' }).click();
  await expect(page).toHaveURL(/\/images$/);
  await expect(page).toHaveTitle(/^Images disponibles hors ligne · Dockyard/);
  await expect(page.getByRole('heading', { level: 1, name: 'Images disponibles hors ligne' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('pas accès à Internet');
  await expect(page.getByRole('main')).toContainText('demandez-la à votre enseignant');

  const table = catalogTable(page);
  for (const name of ['Image', 'Étiquettes', 'Contenu', 'Écarts avec l’image officielle']) {
    await expect(table.getByRole('columnheader', { name, exact: true })).toBeVisible();
  }
  await expect(table.getByRole('rowheader')).toHaveCount(images.length);
  const nginx = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'nginx', exact: true }) });
  await expect(nginx.getByRole('listitem').filter({ hasText: /^alpine$/ })).toBeVisible();
  await expect(nginx.getByRole('listitem').filter({ hasText: /^1\.22$/ })).toBeVisible();
  await expect(nginx).toContainText(shown(notes.nginx?.differences ?? 'missing note'));

  const status = page.getByRole('status');
  await expect(status).toHaveText(`${images.length} images dans le catalogue`);
  const filter = page.getByRole('searchbox', { name: 'Filtrer les images' });
  await filter.fill('python');
  await expect(status).toHaveText(`1 image sur ${images.length}`);
  await expect(table.getByRole('rowheader')).toHaveText(['python']);
  await expect(table).toContainText(shown(notes.python?.inside ?? 'missing note'));

  // What the terminal printed, pasted as is.
  await filter.fill('toto:1.0');
  await expect(status).toHaveText(`0 image sur ${images.length}`);
  await expect(table).toHaveCount(0);
  await expect(page.getByRole('main')).toContainText('Aucune image ne correspond à « toto:1.0 »');

  await filter.fill('');
  await expect(table.getByRole('rowheader')).toHaveCount(images.length);
});

test('the page speaks English with the English interface; notes stay French', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'dockyard-locale', value: 'en', url: baseURL ?? '' }]);
  await page.goto('/images');
  await expect(page.getByRole('heading', { level: 1, name: 'Images available offline' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter images' }).fill('nginx:alp');
  await expect(page.getByRole('status')).toHaveText(`1 of ${images.length} images`);
  const table = page.getByRole('table', { name: /Images of the offline catalog/ });
  await expect(table.getByRole('columnheader', { name: 'Tags', exact: true })).toBeVisible();
  await expect(table).toContainText(shown(notes.nginx?.inside ?? 'missing note'));
});
