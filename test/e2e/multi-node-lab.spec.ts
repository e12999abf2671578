// A three-node lab: one terminal tab per machine, machines that find each other by name,
// and checks that see the whole swarm.
import { expect, test, type Page } from '@playwright/test';
import { endLab, expectConnected, screenText as screen, startLab, typeInTerminal as typeIn } from './lab-page';
import { signUpStudent } from './accounts';

async function openTab(page: Page, node: string): Promise<void> {
  await page.getByRole('tab', { name: node }).click();
  await expectConnected(page);
}


// Labs need an account: each test is a new student, signed in.
test.beforeEach(async ({ page }) => {
  await signUpStudent(page);
});
test('a swarm across three machines, one tab each', async ({ page }) => {
  await startLab(page, '/labs/swarm');
  await expect(page.getByRole('tab')).toHaveText(['node1', 'node2', 'node3']);

  // Step 1 on node1, from the instructions.
  await page.locator('[data-exec]').first().click();
  await expect.poll(() => screen(page), { timeout: 30_000 }).toContain('Swarm initialized');
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await expect(page.getByTestId('check-result')).toHaveAttribute('data-passed', 'true');

  // The token is longer than a row: read it back with the terminal's line wraps removed.
  await typeIn(page, 'echo "JETON=$(docker swarm join-token -q worker)=FIN"\n');
  let token = '';
  await expect
    .poll(async () => (token = /JETON=(SWMTKN-[^=]+)=FIN/.exec((await screen(page)).replace(/\n/g, ''))?.[1] ?? ''))
    .not.toBe('');

  // node2 is another machine, reachable by name, and joins the swarm.
  await openTab(page, 'node2');
  await typeIn(page, `hostname; ping -c1 -W2 node1 >/dev/null && echo node1-joignable; docker swarm join --token ${token} node1:2377\n`);
  await expect.poll(() => screen(page), { timeout: 30_000 }).toContain('This node joined a swarm');
  expect(await screen(page)).toContain('node1-joignable');

  // Back on step 2, the check runs on the manager and counts the machines that joined.
  await page.getByRole('button', { name: 'Suivant' }).click();
  await page.getByRole('button', { name: 'Vérifier' }).click();
  const result = page.getByTestId('check-result');
  await expect(result).toHaveAttribute('data-passed', 'false');
  await expect(result).toContainText('2 nœud(s) prêt(s) sur 3');

  // node1's tab still has its own screen; from it, Killercoda's `ssh node01` reaches the
  // second machine as root with no question asked.
  await openTab(page, 'node1');
  await expect.poll(() => screen(page)).toContain('JETON=');
  await typeIn(page, 'ssh node01 \'echo "SSH=$(whoami)@$(hostname)"\'\n');
  await expect.poll(() => screen(page), { timeout: 30_000 }).toContain('SSH=root@node2');

  await endLab(page);
});
