// Authoring mode (./dockyard author): the e2e server watches a folder pack (a fresh copy made
// at its start, playwright.config.ts). A file saved on disk shows in the open page without a
// reload, a running lab takes a step's new text and check script with its terminal still
// attached, and invalid content is shown over the page, file:line, until it is fixed.
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page, type WebSocket } from '@playwright/test';
import { signUpStudent } from './accounts';
import { AUTHORING_PACK } from './authoring-pack';
import { endLab, expectConnected, expectOnScreen, typeInTerminal } from './lab-page';

const LESSON_URL = `/lecons/${AUTHORING_PACK.name}.brouillon`;
const LAB_URL = `/labs/${AUTHORING_PACK.name}.atelier`;
const FILES = {
  lesson: 'lessons/brouillon.md',
  index: 'labs/atelier/index.json',
  stepText: 'labs/atelier/step1/text.md',
  verify: 'labs/atelier/step1/verify.sh',
} as const;

const packFile = (relative: string) => path.join(AUTHORING_PACK.folder, relative);
const originals = new Map<string, string>();

/** `safeWrite`: as editors that write a copy and rename it over the file. */
async function edit(relative: string, change: (text: string) => string, { safeWrite = false } = {}): Promise<void> {
  const file = packFile(relative);
  const text = await readFile(file, 'utf8');
  if (!originals.has(relative)) originals.set(relative, text);
  const changed = change(text);
  expect(changed).not.toBe(text);
  if (!safeWrite) return writeFile(file, changed);
  await writeFile(`${file}.tmp`, changed);
  await rename(`${file}.tmp`, file);
}

// Every other spec runs on this server afterwards: the pack goes back as it was, valid.
test.afterEach(async () => {
  for (const [relative, text] of originals) await writeFile(packFile(relative), text);
  originals.clear();
});

/**
 * Opens a page and waits until its watcher is connected (the server sends the packs' state
 * first): a file saved before that would change nothing the page could hear of. A mark on
 * `window` tells later whether the page was reloaded (it would be gone).
 */
async function openWatched(page: Page, url: string): Promise<WebSocket> {
  const connected = page.waitForEvent('websocket', (socket) => socket.url().includes('/socket.io/')).then(async (socket) => {
    await socket.waitForEvent('framereceived', (frame) => String(frame.payload).includes('authoring:state'));
    return socket;
  });
  await page.goto(url);
  const socket = await connected;
  await page.evaluate(() => Object.assign(window, { dockyardSameDocument: true }));
  return socket;
}

/** The server's next word on a save (its check done), whatever the page does with it. */
function nextChange(socket: WebSocket): Promise<unknown> {
  return socket.waitForEvent('framereceived', (frame) => String(frame.payload).includes('authoring:change'));
}

async function expectSameDocument(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as { dockyardSameDocument?: boolean }).dockyardSameDocument)).toBe(true);
}

test('a lesson saved on disk shows in the open page without a reload', async ({ page }) => {
  await openWatched(page, LESSON_URL);
  await expect(page.getByText('Première version du texte de la leçon.')).toBeVisible();

  await edit(FILES.lesson, (text) => text.replace('Première version du texte de la leçon.', 'Deuxième version, écrite pendant que la page était ouverte.'));
  await expect(page.getByText('Deuxième version, écrite pendant que la page était ouverte.')).toBeVisible();
  await expect(page.getByText('Première version du texte de la leçon.')).toHaveCount(0);
  // The same file saved again, by a copy renamed over it.
  await edit(FILES.lesson, (text) => text.replace('Deuxième version', 'Troisième version'), { safeWrite: true });
  await expect(page.getByText('Troisième version, écrite pendant que la page était ouverte.')).toBeVisible();
  await expectSameDocument(page);
});

test('a running lab takes a step’s new text and check script, its terminal still attached', async ({ page }) => {
  await signUpStudent(page);
  await openWatched(page, LAB_URL);
  // A pack's lab leads back to its own course, not to the built-in one.
  await expect(page.getByRole('link', { name: "Paquet d'essai du mode auteur" })).toHaveAttribute('href', '/#paquet-auteur');
  await page.getByRole('button', { name: 'Démarrer le lab' }).click();
  await expectConnected(page, 90_000);
  await expect(page.locator('#titre-etape')).toHaveText('Une étape à réécrire');
  await expect(page.getByText('Première version du texte de l’étape.')).toBeVisible();

  await typeInTerminal(page, 'export MARQUE=tortue; echo avant-$((40+2))\n');
  await expectOnScreen(page, 'avant-42');
  // xterm.js builds this element itself: a terminal mounted again would not carry the mark.
  await page.getByTestId('terminal').locator('.xterm').evaluate((element) => element.setAttribute('data-marque', 'meme-terminal'));
  await page.getByRole('button', { name: 'Vérifier' }).click();
  const result = page.getByTestId('check-result');
  await expect(result).toHaveAttribute('data-passed', 'false');
  await expect(result).toContainText('Première version du script');

  await edit(FILES.stepText, () => 'Deuxième version du texte de l’étape, lab en marche.\n');
  await edit(FILES.verify, () => '#!/usr/bin/env bash\necho "Deuxième version du script : réussi."\n');
  await expect(page.getByText('Deuxième version du texte de l’étape, lab en marche.')).toBeVisible();
  await expectSameDocument(page);

  // The same terminal, the same shell: neither the page nor the machine started again.
  await expect(page.getByTestId('terminal').locator('.xterm')).toHaveAttribute('data-marque', 'meme-terminal');
  await expectConnected(page);
  await typeInTerminal(page, 'echo "marque=$MARQUE"\n');
  await expectOnScreen(page, 'marque=tortue');

  await page.getByRole('button', { name: 'Vérifier' }).click();
  await expect(result).toHaveAttribute('data-passed', 'true');
  await expect(result).toContainText('Deuxième version du script : réussi.');
  await endLab(page);
});

test('invalid content shows over the page, file:line, and nothing reloads until it is fixed', async ({ page }) => {
  const socket = await openWatched(page, LESSON_URL);
  const overlay = page.getByTestId('authoring-errors');
  await expect(overlay).toHaveCount(0);

  await edit(FILES.index, (text) => text.replace('"nodes": ["node1"]', '"nodes": "node1"'));
  await expect(overlay).toBeVisible();
  await expect(overlay).toHaveAttribute('role', 'alert');
  await expect(overlay.getByRole('heading', { name: 'Le contenu a 1 erreur à corriger' })).toBeVisible();
  await expect(overlay.getByRole('listitem')).toHaveText(/^labs\/atelier\/index\.json:12 — dockyard\.nodes : /);

  // Saved while the pack is invalid: checked, but not shown yet.
  const checked = nextChange(socket);
  await edit(FILES.lesson, (text) => text.replace('Première version du texte de la leçon.', 'Texte corrigé pendant une erreur.'));
  await checked;
  await expect(overlay.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByText('Première version du texte de la leçon.')).toBeVisible();
  await expect(page.getByText('Texte corrigé pendant une erreur.')).toHaveCount(0);

  // Escape dismisses it; the next save with errors shows it again, a second error included.
  await page.keyboard.press('Escape');
  await expect(overlay).toHaveCount(0);
  await edit(FILES.lesson, (text) => text.replace('lab: atelier', 'lab: Atelier'));
  await expect(overlay.getByRole('heading', { name: 'Le contenu a 2 erreurs à corriger' })).toBeVisible();
  await expect(overlay.getByRole('listitem').filter({ hasText: /^lessons\/brouillon\.md:4 — lab : / })).toHaveCount(1);
  // Its button, by keyboard.
  await overlay.getByRole('button', { name: 'Fermer (Échap)' }).focus();
  await page.keyboard.press('Enter');
  await expect(overlay).toHaveCount(0);

  await edit(FILES.lesson, (text) => text.replace('lab: Atelier', 'lab: atelier'));
  await expect(overlay).toBeVisible();
  await writeFile(packFile(FILES.index), originals.get(FILES.index) ?? '');
  await expect(overlay).toHaveCount(0);
  await expect(page.getByText('Texte corrigé pendant une erreur.')).toBeVisible();
  await expectSameDocument(page);
});

test('a lesson loaded while invalid comes back by itself once fixed', async ({ page }) => {
  await edit(FILES.lesson, (text) => text.replace('title: Une leçon', 'titre: Une leçon'));
  // The error page, with the errors over it (known from the server's first message).
  await openWatched(page, LESSON_URL);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Une erreur est survenue');
  const overlay = page.getByTestId('authoring-errors');
  await expect(overlay.getByRole('listitem').first()).toHaveText(/^lessons\/brouillon\.md:\d+ — /);

  await writeFile(packFile(FILES.lesson), originals.get(FILES.lesson) ?? '');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Une leçon en cours d'écriture");
  await expect(overlay).toHaveCount(0);
});
