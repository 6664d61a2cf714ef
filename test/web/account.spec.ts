import { readFileSync } from 'node:fs';
import { checkState, expect, expectAccessible, test } from './fixtures';
import { PASSWORD, signUp } from './support';

test('Meine Daten: download, change the password, log out everywhere, delete the account', async ({ page, outsideRequests }, testInfo) => {
  void outsideRequests;
  const { phone } = await signUp(page, 'Josef Lenz');
  await page.getByRole('link', { name: 'Meine Daten' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Meine Daten' })).toBeVisible();
  await checkState(page, testInfo, 'account');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Meine Daten herunterladen' }).click();
  const file = await (await download).path();
  expect(readFileSync(file, 'utf8')).toContain('Josef Lenz');

  await page.getByLabel('Jetziges Passwort').fill('nicht-das-richtige');
  await page.getByLabel('Neues Passwort').fill('Noch-ein-Passwort-7');
  await page.getByRole('button', { name: 'Passwort ändern' }).click();
  await expect(page.getByLabel('Jetziges Passwort')).toHaveAccessibleDescription('Das Passwort stimmt nicht.');
  await expectAccessible(page, 'account-password-error');
  await page.getByLabel('Jetziges Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Passwort ändern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ihr Passwort ist geändert.' })).toBeVisible();

  await page.getByRole('button', { name: 'Konto löschen …' }).click();
  await page.getByLabel('Zur Bestätigung: Ihr Passwort').fill('Noch-ein-Passwort-7');
  await expectAccessible(page, 'account-delete');
  await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ihr Konto ist gelöscht.' })).toBeVisible();

  // The login is gone.
  await page.goto('/anmelden');
  await page.getByLabel('Handynummer').fill(phone);
  await page.getByLabel('Passwort').fill('Noch-ein-Passwort-7');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toContainText('Telefonnummer oder Passwort stimmen nicht');
});

test('log out everywhere ends the session', async ({ page, outsideRequests }) => {
  void outsideRequests;
  await signUp(page, 'Eva Scholl');
  await page.goto('/meine-daten');
  await page.getByRole('button', { name: 'Auf allen Geräten abmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mit dem Taxibus durch die Eifel' })).toBeVisible();
  const session = await (await page.request.get('/v1/session')).json();
  expect(session.user).toBeNull();
});
