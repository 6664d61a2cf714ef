import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { webTestDataDir } from './data-dir';
import { expect } from './fixtures';

let counter = 0;
/** A German mobile number no other test uses. */
export function freshPhone(): string {
  counter += 1;
  return `0151${String(Date.now() % 1e5).padStart(5, '0')}${String(process.pid % 10)}${counter}`.slice(0, 12);
}

export const PASSWORD = 'Eifel-Bus-2026!';

/** Signs up through the form (name → phone → password → the SMS code the demo shows) and lands on the booking. */
export async function signUp(page: Page, name = 'Gertrud Schmitz', phone = freshPhone()): Promise<{ phone: string }> {
  await page.goto('/registrieren');
  await page.getByLabel('Vor- und Nachname').fill(name);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByLabel('Handynummer').fill(phone);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Weiter' }).click();
  const code = (await page.locator('.demo-code').textContent())!.trim();
  expect(code).toMatch(/^\d{6}$/);
  await page.getByLabel('Code (6 Ziffern)').fill(code);
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wo steigen Sie ein?' })).toBeVisible();
  return { phone };
}

/** Types into a stop field and takes the suggestion with that name. */
export async function chooseStop(page: Page, label: string, typed: string, stopName: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).fill(typed);
  await page.getByRole('option', { name: new RegExp(`^${stopName}`) }).click();
  await expect(page.getByRole('combobox', { name: label })).toHaveValue(stopName);
}

/** The local date in the demo area, days from today, as a date field takes it (YYYY-MM-DD). */
export function berlinDate(daysAhead: number): string {
  return new Date(Date.now() + daysAhead * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
}

interface DemoLogins {
  password: string;
  users: Array<{ role: string; name: string; phone: string; vehicleLabel?: string }>;
}

/** The demo logins the service under test wrote into its data directory when it seeded the demo. */
export function demoLogins(baseURL: string): DemoLogins {
  return JSON.parse(readFileSync(join(webTestDataDir(new URL(baseURL).port), 'demo-credentials.json'), 'utf8')) as DemoLogins;
}

/** Logs in through the form as the demo user of that role (the n-th of them) and waits for their start page. */
export async function logInAsDemo(page: Page, baseURL: string, role: 'dispatcher' | 'driver' | 'admin', index = 0): Promise<{ name: string; phone: string; vehicleLabel?: string }> {
  const logins = demoLogins(baseURL);
  const user = logins.users.filter((u) => u.role === role)[index];
  await page.goto('/anmelden');
  await page.getByLabel('Handynummer').fill(user.phone);
  await page.getByLabel('Passwort', { exact: true }).fill(logins.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page).toHaveURL(role === 'driver' ? /\/fahrer$/ : /\/leitstelle$/);
  return user;
}
