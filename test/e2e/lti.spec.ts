// LTI 1.3 against the real server, with a simulated LMS on its own port: an admin registers the
// platform on /admin; an instructor adds the first lab from the LMS's activity picker (deep
// linking); a student launched from that activity passes two of its four steps for real, and
// the LMS’s gradebook receives 2/4 with the comment, then « Submitted » when the lab ends, and
// the instructor’s class page shows the score sent.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_ADMIN, signIn } from './accounts';
import { endLab, expectConnected, expectOnScreen, passFirstStep, typeInTerminal } from './lab-page';
import { PlatformSimulator, ROLE, type SimulatedLaunch } from '../lti-simulator/platform-simulator';

const CONTENT_ITEMS = 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items';
const course = { id: 'cours-e2e', title: 'Conteneurs — LTI' };

let lms: PlatformSimulator;
test.beforeAll(async ({ baseURL }) => {
  lms = await PlatformSimulator.start({ toolJwks: `${baseURL}/api/lti/jwks` });
});
test.afterAll(async () => lms?.close());

/** The admin registers the simulated platform (once: a second time is refused with 409) and reads Dockyard's login address. */
async function registerPlatform(browser: Browser): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, E2E_ADMIN);
  const registered = await page.request.post('/api/lti/platforms', { data: lms.registration });
  expect([200, 409]).toContain(registered.status());
  const { tool } = (await (await page.request.get('/api/lti/platforms')).json()) as { tool: { login: string; launch: string } };
  await context.close();
  return tool.login;
}

/** A person clicks the activity in their course: the LMS's page starts the launch in their browser. */
async function launchFrom(browser: Browser, loginUrl: string, targetUrl: string, launch: SimulatedLaunch): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(lms.launchPageUrl(lms.prepare(launch), loginUrl, targetUrl));
  return page;
}

test('an LMS registers Dockyard, adds a lab by deep linking, and receives 2/4 when the student passes two steps, as the class page then shows', async ({ browser }) => {
  // The admin registers the simulated platform and reads Dockyard's addresses to give it.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, E2E_ADMIN);
  await admin.goto('/admin');
  const form = admin.getByTestId('lti-platform-form');
  const registration = lms.registration;
  await form.getByLabel('Nom').fill(registration.name);
  await form.getByLabel('Issuer (iss)').fill(registration.issuer);
  await form.getByLabel('Client id').fill(registration.clientId);
  await form.getByLabel('Deployment id(s), séparés par des virgules').fill(registration.deploymentIds.join(', '));
  await form.getByLabel('URL d’authentification OIDC').fill(registration.authUrl);
  await form.getByLabel('URL des jetons OAuth2').fill(registration.tokenUrl);
  await form.getByLabel('URL du JWKS de la plateforme').fill(registration.jwksUrl);
  await form.getByRole('button', { name: 'Enregistrer la plateforme' }).click();
  await expect(admin.getByTestId('lti-platforms')).toContainText(registration.clientId);
  const loginUrl = (await admin.getByTestId('lti-url-login').textContent()) ?? '';
  const launchUrl = (await admin.getByTestId('lti-url-launch').textContent()) ?? '';
  const deepLinkingUrl = (await admin.getByTestId('lti-url-deepLinking').textContent()) ?? '';
  await adminContext.close();

  // The instructor opens the LMS's activity picker: Dockyard's catalog, signed in from the launch.
  const instructor = await launchFrom(browser, loginUrl, deepLinkingUrl, {
    sub: 'prof-e2e',
    name: 'Ada Prof',
    roles: [ROLE.instructor],
    messageType: 'LtiDeepLinkingRequest',
    context: course,
  });
  await expect(instructor.getByRole('heading', { name: 'Ajouter une activité Dockyard' })).toBeVisible();
  await instructor.getByRole('button', { name: /^Lab — \d+\. Premiers pas avec Docker$/ }).click();
  await expect(instructor.getByRole('heading', { name: 'Activité ajoutée : Lab — Premiers pas avec Docker' })).toBeVisible();
  const [link] = (lms.deepLinkResponses.at(-1)?.[CONTENT_ITEMS] ?? []) as Array<{ url: string; custom: Record<string, string>; lineItem: { scoreMaximum: number } }>;
  expect(link).toMatchObject({ url: launchUrl, custom: { dockyard: 'lab/premiers-pas' }, lineItem: { scoreMaximum: 4 } });
  await instructor.context().close();

  // The student launches that activity: signed in, on the lab, with its line item to grade into.
  const student = await launchFrom(browser, loginUrl, link?.url ?? '', {
    sub: 'eleve-e2e',
    name: 'Lin Élève',
    roles: [ROLE.learner],
    context: course,
    custom: link?.custom,
    lineItem: lms.lineItemUrl('premiers-pas'),
  });
  await expect(student).toHaveURL(/\/labs\/premiers-pas$/);
  await expect(student.getByTestId('signed-in-user')).toContainText('Lin Élève');
  await student.getByRole('button', { name: 'Démarrer le lab' }).click();
  await expectConnected(student, 90_000);

  await passFirstStep(student);
  await expect.poll(() => lms.scores.at(-1)?.scoreGiven, { timeout: 30_000 }).toBe(1);

  // Step 2: a second hello-world container, then « Vérifier ».
  await student.getByRole('button', { name: 'Suivant' }).click();
  await expect(student.locator('#titre-etape')).toHaveText('Lister les conteneurs');
  await typeInTerminal(student, 'docker run hello-world && echo deux-fo""is\n');
  await expectOnScreen(student, 'deux-fois', 60_000);
  await student.getByRole('button', { name: 'Vérifier' }).first().click();
  await expect(student.getByTestId('check-result')).toHaveAttribute('data-passed', 'true');

  await expect.poll(() => lms.scores.at(-1)?.scoreGiven, { timeout: 30_000 }).toBe(2);
  const score = lms.scores.at(-1);
  expect(score).toMatchObject({ userId: 'eleve-e2e', scoreMaximum: 4, activityProgress: 'InProgress', gradingProgress: 'FullyGraded' });
  expect(score?.comment).toContain('2 étape(s) réussie(s) sur 4, 2/4 points');
  expect(score?.comment).toMatch(/\/classes\/[0-9a-f-]{36}\/resultats$/);

  await endLab(student);
  await expect.poll(() => lms.scores.at(-1)?.activityProgress, { timeout: 30_000 }).toBe('Submitted');
  expect(lms.scores.at(-1)?.scoreGiven).toBe(2);
  await student.context().close();

  // The instructor, back from the course, sees on the class page what the gradebook received.
  const classId = /\/classes\/([0-9a-f-]{36})\/resultats$/.exec(score?.comment ?? '')?.[1];
  const teacher = await launchFrom(browser, loginUrl, link?.url ?? '', { sub: 'prof-e2e', name: 'Ada Prof', roles: [ROLE.instructor], context: course, custom: link?.custom });
  await expect(teacher).toHaveURL(/\/labs\/premiers-pas$/);
  await teacher.goto(`/classes/${classId}`);
  const sent = teacher.getByTestId('lti-scores');
  await expect(sent).toContainText('Lin Élève');
  await expect(sent).toContainText('2/4');
  await expect(sent).toContainText('Envoyée le');
  await teacher.context().close();
});

test('inside the course page’s frame over plain HTTP, the launch opens Dockyard in a new window, signed in on the lab', async ({ browser, baseURL }) => {
  const loginUrl = await registerPlatform(browser);
  const context = await browser.newContext();
  const course = await context.newPage();
  await course.goto(
    lms.framedLaunchPageUrl(
      lms.prepare({ sub: 'eleve-cadre', name: 'Noa Cadre', roles: [ROLE.learner], custom: { dockyard: 'lab/premiers-pas' } }),
      loginUrl,
      `${baseURL}/api/lti/launch`,
    ),
  );
  const frame = course.frameLocator('iframe[title="Dockyard"]');
  // A cookie set inside the frame would not come back there: the frame says so and offers a window.
  const opening = context.waitForEvent('page');
  await frame.getByRole('link', { name: 'Ouvrir dans une nouvelle fenêtre' }).click();
  await expect(frame.getByText('Dockyard est ouvert dans une nouvelle fenêtre')).toBeVisible();
  const window = await opening;
  await expect(window).toHaveURL(/\/labs\/premiers-pas$/);
  await expect(window.getByTestId('signed-in-user')).toContainText('Noa Cadre');
  await context.close();
});
