// The privacy note: a student told under the terminal that it is recorded follows the note's
// link to /confidentialite, which states the server's keeping time (DOCKYARD_RECORDING_DAYS:
// the e2e server keeps the default, 30) and is linked from every page's footer.
import { expect, test } from '@playwright/test';
import { signUpStudent } from './accounts';
import { endLab, FIRST_LAB, startLab } from './lab-page';

test('the lab’s recording note links to the privacy note, which states how long recordings are kept', async ({ page }) => {
  await signUpStudent(page);
  await startLab(page);
  try {
    const note = page.getByTestId('recording-note');
    await expect(note).toContainText('Ce terminal est enregistré');
    await note.getByRole('link', { name: 'Ce que Dockyard garde sur vous' }).click();

    await expect(page).toHaveURL(/\/confidentialite$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ce que Dockyard garde sur vous');
    await expect(page.getByRole('heading', { level: 2, name: 'L’enregistrement de votre terminal' })).toBeVisible();
    await expect(page.getByTestId('privacy-duree')).toContainText('30 jours après votre dernière activité');
    await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Confidentialité' })).toHaveAttribute('href', '/confidentialite');
  } finally {
    // The lab goes on while its page is left: end it, so that no lab machine outlives the test.
    await page.goto(FIRST_LAB);
    await endLab(page);
  }
});
