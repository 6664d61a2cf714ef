import { checkState, expect, test } from './fixtures';
import { signUp } from './support';

test.use({ geolocation: { latitude: 49.8453, longitude: 6.4596 }, permissions: ['geolocation'] });

test('"my location" snaps to the nearest stop and says how far it is to walk', async ({ page, outsideRequests }, testInfo) => {
  void outsideRequests;
  await signUp(page, 'Anna Krämer');
  await page.getByRole('button', { name: 'Meinen Standort verwenden' }).click();
  await expect(page.getByRole('combobox', { name: 'Einstieg' })).toHaveValue('Irrel, Kirche');
  await expect(page.getByRole('status').filter({ hasText: 'Nächste Haltestelle: Irrel, Kirche.' })).toContainText(/Etwa \d+ m Luftlinie, rund \d+ Minuten? zu Fuß/);
  await checkState(page, testInfo, 'book-location');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wohin möchten Sie?' })).toBeVisible();
});
