// Content packs on /admin (issue 16), against the real server: the admin adds a pack folder
// written here, sees it served and finds its course on the home page and its lesson under the
// pack's name; a folder with a broken course.json shows its errors, file:line, on /admin; both
// are removed there. A git pack's invalid commit is refused, the previous one staying live, and
// /admin says so. The packs are removed again after the tests whatever happened, so that no
// other spec sees their courses on the home page.
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN, signIn } from './accounts';
import { gitRemote, tempDir, writePack } from '../integration/content/pack-fixture';

const VALID = 'e2e-reseaux';
const BROKEN = 'e2e-casse';
// The server keeps a git pack's mirror under its data folder, which outlives a run: a name of
// this run's own never meets an earlier run's mirror.
const GIT = `e2e-git-${randomUUID().slice(0, 6)}`;
const GIT_MIRROR = path.resolve(`.cache/e2e-data-${process.env.E2E_PORT ?? 3100}/packs/${GIT}`);
const folders: string[] = [];
const cleanups: Array<() => Promise<void>> = [];

async function packFolder(labTitle: string): Promise<string> {
  const folder = await writePack(await tempDir('e2e-pack'), { labTitle });
  folders.push(folder);
  return folder;
}

async function addPack(admin: Page, id: string, location: string): Promise<void> {
  const form = admin.getByTestId('content-pack-form');
  await form.getByLabel('Nom', { exact: true }).fill(id);
  await form.getByLabel('Emplacement : dossier du serveur ou dépôt git').fill(location);
  await form.getByRole('button', { name: 'Ajouter le paquet' }).click();
  await expect(admin.locator(`tr[data-pack="${id}"]`)).toBeVisible();
}

async function removePack(admin: Page, id: string): Promise<void> {
  admin.once('dialog', (dialog) => {
    expect(dialog.message()).toContain(`Retirer le paquet « ${id} » ?`);
    void dialog.accept();
  });
  await admin.locator(`tr[data-pack="${id}"]`).getByRole('button', { name: `Retirer le paquet ${id}` }).click();
  await expect(admin.locator(`tr[data-pack="${id}"]`)).toHaveCount(0);
}

test.afterAll(async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, E2E_ADMIN);
  for (const id of [VALID, BROKEN, GIT]) {
    const response = await page.request.delete(`/api/admin/packs/${id}`);
    expect([200, 404]).toContain(response.status());
  }
  await context.close();
  await Promise.all([...folders, GIT_MIRROR].map((folder) => rm(folder, { recursive: true, force: true })));
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

test('an admin adds a folder pack, served with its course and lessons under its name, sees a broken one’s errors file:line, and removes both', async ({ page }) => {
  const valid = await packFolder('Premier lab du paquet');
  const broken = await packFolder('Paquet cassé');
  await writeFile(path.join(broken, 'course.json'), '{\n  "title": "Cassé",\n  "chapters": [],\n}\n');

  await signIn(page, E2E_ADMIN);
  await page.goto('/admin');
  const panel = page.getByTestId('content-packs-panel');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Paquets de contenu');
  const table = panel.getByRole('table', { name: 'Cours servis par ce serveur' });
  await expect(table.locator('tbody tr').first()).toContainText('Cours intégré');
  await expect(table.locator('tbody tr').first().getByRole('button')).toHaveCount(0);

  // A valid folder: served at once, its labs under its name.
  await addPack(page, VALID, valid);
  const row = table.locator(`tr[data-pack="${VALID}"]`);
  await expect(row.getByText('En service', { exact: true })).toBeVisible();
  await expect(row).toContainText('Réseaux avancés');
  await expect(row).toContainText(`/labs/${VALID}.<lab>`);
  await expect(row).toContainText(`Dossier du serveur${valid}`);
  await expect(row).toContainText('Ajouté par un administrateur');
  await expect(row).toContainText('tel qu’il est sur le disque');
  await expect(panel.getByTestId('content-pack-form').getByLabel('Nom', { exact: true })).toHaveValue('');

  // Students find its course on the home page, and its lesson under the pack's name.
  await page.goto('/');
  const course = page.locator(`#paquet-${VALID}`);
  await expect(course.getByRole('heading', { name: 'Réseaux avancés' })).toBeVisible();
  await course.getByRole('link', { name: 'Bases', exact: true }).click();
  await expect(page).toHaveURL(`/lecons/${VALID}.bases`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Les bases');
  await expect(page.getByRole('link', { name: 'le lab', exact: true })).toHaveAttribute('href', `/labs/${VALID}.premier`);

  // A broken course.json: its error is shown with the file and line, linked from its row.
  await page.goto('/admin');
  await addPack(page, BROKEN, broken);
  const brokenRow = table.locator(`tr[data-pack="${BROKEN}"]`);
  await expect(brokenRow).toContainText('En service, avec des erreurs');
  await expect(brokenRow).toContainText('course.json illisible : absent de l’accueil');
  await brokenRow.getByRole('link', { name: /^\d+ erreurs? : voir le détail$/ }).click();
  await expect(page).toHaveURL(new RegExp(`#paquet-${BROKEN}-problemes$`));
  const problems = panel.getByRole('region', { name: `Problèmes du paquet « ${BROKEN} »` });
  await expect(problems.getByRole('alert')).toContainText('Ce dossier est servi tel qu’il est : corrigez ces erreurs');
  await expect(problems.getByRole('list', { name: `Erreurs et avertissements du paquet ${BROKEN}` })).toContainText(/Erreur course\.json:4 — JSON invalide/);
  // The valid pack has nothing to show.
  await expect(panel.getByRole('region', { name: `Problèmes du paquet « ${VALID} »` })).toHaveCount(0);

  // Removed on /admin: gone from the panel, its course gone from the home page.
  await removePack(page, BROKEN);
  await expect(problems).toHaveCount(0);
  await removePack(page, VALID);
  await page.reload();
  await expect(table.locator(`tr[data-pack="${VALID}"]`)).toHaveCount(0);
  await page.goto('/');
  await expect(page.locator(`#paquet-${VALID}`)).toHaveCount(0);
});

test('a git pack’s invalid commit is refused: the previous version stays live, and /admin shows why with the webhook to call', async ({ page }) => {
  const remote = await gitRemote();
  cleanups.push(remote.remove);
  const live = await remote.commit({ labTitle: 'Lab du dépôt, version 1' });

  await signIn(page, E2E_ADMIN);
  await page.goto('/admin');
  const panel = page.getByTestId('content-packs-panel');
  await addPack(page, GIT, remote.url);
  const row = panel.locator(`tr[data-pack="${GIT}"]`);
  await expect(row.getByText('En service', { exact: true })).toBeVisible();
  await expect(row).toContainText(`Dépôt git${remote.url}`);
  await expect(row.locator('code', { hasText: live.slice(0, 7) })).toHaveAttribute('title', live);
  const webhook = panel.getByTestId('content-pack-webhooks');
  await expect(webhook).toContainText(`POST http://127.0.0.1:${process.env.E2E_PORT ?? 3100}/api/content/packs/${GIT}/pull`);
  await expect(webhook.getByRole('button', { name: `Copier : Webhook du paquet ${GIT}` })).toBeVisible();

  // A commit whose lab is not JSON: refused when pulled, with the error where it is.
  const refused = await remote.commit({ labTitle: 'Lab du dépôt, version 2', broken: true });
  await row.getByRole('button', { name: `Mettre à jour maintenant le paquet ${GIT}` }).click();
  await expect(row).toContainText('En service, mise à jour bloquée');
  const problems = panel.getByRole('region', { name: `Problèmes du paquet « ${GIT} »` });
  await expect(problems.getByRole('alert')).toContainText(
    `La version ${refused.slice(0, 7)} a été refusée : la version ${live.slice(0, 7)} reste en service.`,
  );
  await expect(problems.getByRole('list')).toContainText(/Erreur labs\/premier\/index\.json:\d+ — /);

  // Students still get the version that was live.
  await page.goto(`/labs/${GIT}.premier`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Lab du dépôt, version 1');

  await page.goto('/admin');
  await removePack(page, GIT);
});
