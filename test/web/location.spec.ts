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

test('a stop chosen on the map: a tap takes the nearest stop, Enter the one at the cross', async ({ page, outsideRequests }, testInfo) => {
  void outsideRequests;
  await signUp(page, 'Bernd Kartenleser');
  await page.getByRole('button', { name: 'Auf der Karte wählen' }).click();
  const map = page.getByRole('region', { name: 'Karte der Haltestellen' });
  await expect(map).toBeVisible();
  await expect(page.getByRole('button', { name: 'Karte schließen' })).toHaveAttribute('aria-expanded', 'true');
  await checkState(page, testInfo, 'book-map');

  // Keyboard: the map takes the focus, Enter chooses the stop nearest the cross in the middle.
  await map.focus();
  await page.keyboard.press('Enter');
  const status = page.getByRole('status').filter({ hasText: 'Gewählt:' });
  await expect(status).toContainText(/Gewählt: .+ – (etwa \d+ m|die nächste Haltestelle, aber [\d,]+ km) von der Stelle auf der Karte/);
  const atCross = /Gewählt: (.+) – /.exec((await status.textContent())!)![1];
  await expect(page.getByRole('combobox', { name: 'Einstieg' })).toHaveValue(atCross);

  // A tap near the bottom right corner (the zoom buttons are top left) takes the stop nearest there, another one.
  const box = (await map.boundingBox())!;
  await map.click({ position: { x: box.width - 15, y: box.height - 15 } });
  await expect(status).not.toContainText(`Gewählt: ${atCross} –`);
  const tapped = /Gewählt: (.+) – /.exec((await status.textContent())!)![1];
  await expect(page.getByRole('combobox', { name: 'Einstieg' })).toHaveValue(tapped);
  await checkState(page, testInfo, 'book-map-chosen');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wohin möchten Sie?' })).toBeVisible();
});
