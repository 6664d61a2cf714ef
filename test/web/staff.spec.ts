import { checkState, expect, test } from './fixtures';
import { logInAsDemo, signUp } from './support';

test('a dispatcher logs in to the desk, a driver to the tablet, each with the install\u2019s demo login', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  const dispatcher = await logInAsDemo(page, baseURL!, 'dispatcher');
  await expect(page.getByRole('heading', { level: 1, name: 'Leitstelle' })).toBeVisible();
  await expect(page.getByText(`Angemeldet als ${dispatcher.name}.`)).toBeVisible();
  await checkState(page, testInfo, 'desk-start');
  // The tablet is not the dispatcher's page.
  await page.goto('/fahrer');
  await expect(page.getByRole('heading', { level: 1, name: 'Diese Seite ist für eine andere Anmeldung' })).toBeVisible();
  await checkState(page, testInfo, 'no-access');
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();

  const driver = await logInAsDemo(page, baseURL!, 'driver');
  await expect(page.getByRole('heading', { level: 1, name: 'Fahrtablet' })).toBeVisible();
  await expect(page.getByText(`Angemeldet als ${driver.name}.`)).toBeVisible();
  await checkState(page, testInfo, 'driver-start');
});

test('a villager who opens the desk is told it is for dispatchers', async ({ page, outsideRequests }) => {
  void outsideRequests;
  await signUp(page, 'Neugierige Nutzerin');
  await page.goto('/leitstelle');
  await expect(page.getByText('Die Leitstelle ist für Disponentinnen und Disponenten.', { exact: false })).toBeVisible();
  expect((await page.request.get('/v1/dispatch/overview')).status()).toBe(403);
});
