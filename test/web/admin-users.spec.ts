import { checkState, expect, test } from './fixtures';
import { demoLogins, freshPhone, logInAsDemo } from './support';

test('an admin creates a dispatcher login, sees its password once, gives it a new one and deactivates it', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'admin');
  await page.getByRole('link', { name: 'Verwaltung' }).click();
  await page.getByRole('link', { name: 'Zugänge' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Verwaltung: Zugänge' })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('Disposition (Leitstelle)');

  const name = `Leitstelle Test ${testInfo.workerIndex}-${Date.now() % 1e6}`;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Handynummer').fill('12');
  await page.getByLabel('Grund der Änderung').fill('Neue Kollegin');
  await page.getByRole('button', { name: 'Zugang anlegen' }).click();
  await expect(page.locator('#user-phone-error')).toContainText('Geben Sie eine gültige Handynummer an');
  await checkState(page, testInfo, 'admin-users-error');

  await page.getByLabel('Handynummer').fill(freshPhone());
  await page.getByRole('button', { name: 'Zugang anlegen' }).click();
  const secret = page.getByRole('region', { name: `Zugang für ${name}: Passwort nur jetzt sichtbar` });
  await expect(secret).toBeVisible();
  await expect(secret.getByRole('heading')).toBeFocused();
  const first = (await secret.locator('.one-time-secret').textContent())!.trim();
  expect(first).toMatch(/^\S{16}$/);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('aktiv');
  await checkState(page, testInfo, 'admin-users-secret');
  await secret.getByRole('button', { name: 'Passwort ist weitergegeben' }).click();
  await expect(secret).toHaveCount(0);

  await row.getByRole('button', { name: `Neues Passwort ${name}` }).click();
  await page.getByRole('button', { name: 'Neues Passwort erzeugen' }).click();
  await expect(page.getByRole('alert')).toContainText('Geben Sie einen Grund für die Änderung an.');
  await page.getByLabel('Grund der Änderung').first().fill('Passwort vergessen');
  await page.getByRole('button', { name: 'Neues Passwort erzeugen' }).click();
  await expect(secret).toBeVisible();
  await expect(secret.locator('.one-time-secret')).not.toHaveText(first);

  await row.getByRole('button', { name: `Deaktivieren ${name}` }).click();
  await page.getByLabel('Grund der Änderung').first().fill('Arbeitet nicht mehr hier');
  await page.getByRole('button', { name: 'Zugang deaktivieren' }).click();
  await expect(page.getByRole('status')).toContainText(`Deaktiviert: Der Zugang von ${name} ist gesperrt.`);
  await expect(row).toContainText('deaktiviert');
  await expect(row.getByRole('button')).toHaveCount(0);
  await checkState(page, testInfo, 'admin-users-deactivated');
});

test('an admin ties a driver to their bus; the list says which', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  // The last demo driver, tied to the bus they drive in the demo: the tablet's tests stay as they are.
  const driver = demoLogins(baseURL!).users.filter((u) => u.role === 'driver').at(-1)!;
  await logInAsDemo(page, baseURL!, 'admin');
  await page.goto('/verwaltung/zugaenge');
  const row = page.getByRole('row').filter({ hasText: driver.name });
  await expect(row).toContainText('alle Busse');
  await row.getByRole('button', { name: `Busse festlegen ${driver.name}` }).click();
  const form = page.getByRole('region', { name: `Busse von ${driver.name}` });
  await form.getByLabel(driver.vehicleLabel!, { exact: true }).check();
  await form.getByRole('button', { name: 'Busse speichern' }).click();
  await expect(form.getByRole('alert')).toContainText('Geben Sie einen Grund für die Änderung an.');
  await checkState(page, testInfo, 'admin-users-buses-error');
  await form.getByLabel('Grund der Änderung').fill('Fester Bus');
  await form.getByRole('button', { name: 'Busse speichern' }).click();
  await expect(page.getByRole('status')).toContainText(`Gespeichert: die Busse von ${driver.name}.`);
  await expect(row.getByRole('cell', { name: driver.vehicleLabel!, exact: true })).toBeVisible();
  await checkState(page, testInfo, 'admin-users-buses-saved');
});
