import { checkState, expect, expectAccessible, test } from './fixtures';
import { freshPhone, PASSWORD } from './support';

test('in English: sign up and ask for a ride, every text translated', async ({ page, outsideRequests }, testInfo) => {
  void outsideRequests;
  await page.goto('/');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Sign up' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'What is your name?' })).toBeVisible();
  await page.getByLabel('First and last name').fill('Tom Ellis');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Mobile number').fill(freshPhone());
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Demo mode: no text message' })).toBeVisible();
  await expectAccessible(page, 'en-signup-code');
  await page.getByLabel('Code (6 digits)').fill((await page.locator('.demo-code').textContent())!.trim());
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Where do you get on?' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Start' }).fill('speicher');
  await page.getByRole('option', { name: /^Speicher, Marktplatz/ }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('combobox', { name: 'Destination' }).fill('bitburg markt');
  await page.getByRole('option', { name: /^Bitburg, Marktplatz/ }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText(/^Earliest possible:/)).toBeVisible();
  await expectAccessible(page, 'en-when');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Request ride' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The bus can pick you up' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Pick-up between .* at Speicher, Marktplatz – arrival by .* at Bitburg, Marktplatz/)).toBeVisible();
  await checkState(page, testInfo, 'en-offer');
  // No German key text left on the page, and no untranslated key names.
  await expect(page.locator('main')).not.toContainText(/\b(book|answer|common|errors)\.[a-z]+/);
});
