import type { Page } from '@playwright/test';
import { checkState, expect, test } from './fixtures';
import { bookForCaller, wideScreenshot } from './desk-support';
import { berlinDate, demoLogins, logInAsDemo } from './support';

test.use({ viewport: { width: 1280, height: 800 } });

interface OverviewBus { id: string; label: string; shifts: Array<{ shiftId: string; stops: Array<{ bookingId: string; kind: string }> }> }

const overviewOf = async (page: Page, day: string) => (await (await page.request.get(`/v1/dispatch/overview?date=${day}`)).json()) as {
  buses: OverviewBus[];
  bookings: { carried: Array<{ id: string; offer: { vehicleId: string } }>; needingAttention: Array<{ id: string }> };
};

test('an assignment that breaks promises is refused with the reasons, then forced with a reason, and can be undone', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'dispatcher');
  const day = berlinDate(2);
  // A full bus (a group of eight) and a rider on another bus at the same time and way.
  const group = await bookForCaller(page, { from: 'IRR-KI', to: 'BIT-KH', at: '09:00', seats: 8, day, name: 'Gruppe Wanderverein' });
  const rider = await bookForCaller(page, { from: 'IRR-KI', to: 'BIT-KH', at: '09:00', day, name: 'Erna Einzeln' });
  expect(group.status).toBe('offered');
  expect(rider.status).toBe('offered');
  expect(rider.vehicleId).not.toBe(group.vehicleId);
  const buses = (await overviewOf(page, day)).buses;
  const fullBus = buses.find((b) => b.id === group.vehicleId)!.label;
  const riderBus = buses.find((b) => b.id === rider.vehicleId)!.label;

  await page.goto(`/leitstelle/zeitplan?tag=${day}`);
  const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: new RegExp(`^${riderBus}\\b`) }) });
  await row.getByRole('button', { name: /Irrel, Kirche/ }).first().click();
  await expect(page.getByRole('heading', { level: 3, name: new RegExp(`Irrel, Kirche, .* – ${riderBus}`) })).toBeVisible();
  await checkState(page, testInfo, 'desk-timeline-stop');
  await page.getByRole('button', { name: 'Anderer Bus (Erna Einzeln)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bus zuweisen' });
  await dialog.getByLabel('Bus').selectOption({ label: fullBus });
  await dialog.getByRole('button', { name: 'Zuweisen' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Das bricht Zusagen:');
  await expect(dialog.getByRole('alert')).toContainText('der Bus hätte nicht genug Plätze');
  await checkState(page, testInfo, 'desk-assign-infeasible');
  // Forcing needs a reason.
  await dialog.getByRole('button', { name: 'Trotzdem zuweisen' }).click();
  await expect(dialog.getByText('Bitte geben Sie einen Grund an.')).toBeVisible();
  await expect(dialog.getByLabel('Grund (Pflicht, steht im Protokoll)')).toBeFocused();
  await page.keyboard.type('Frau Einzeln gehört zur Gruppe');
  await dialog.getByRole('button', { name: 'Trotzdem zuweisen' }).click();
  await expect(dialog.getByRole('status')).toContainText(`Erna Einzeln, Irrel, Kirche → Bitburg, Krankenhaus fährt jetzt mit ${fullBus}. Gegen die Prüfung`);
  await checkState(page, testInfo, 'desk-assign-forced');
  const moved = (await overviewOf(page, day)).bookings.carried.find((b) => b.id === rider.id)!;
  expect(moved.offer.vehicleId).toBe(group.vehicleId);

  // Undo puts her back on her bus.
  await dialog.getByRole('button', { name: 'Rückgängig machen' }).click();
  await expect(dialog.getByRole('status')).toContainText(`fährt jetzt mit ${riderBus}`);
  expect((await overviewOf(page, day)).bookings.carried.find((b) => b.id === rider.id)!.offer.vehicleId).toBe(rider.vehicleId);
  await dialog.getByRole('button', { name: 'Schließen' }).click();
  await expect(dialog).toBeHidden();

  // The booking's history keeps both moves: who, and the reason the dispatcher gave.
  const dispatcher = demoLogins(baseURL!).users.find((u) => u.role === 'dispatcher')!;
  await page.goto(`/leitstelle/buchungen/${rider.id}`);
  const history = page.getByRole('table', { name: 'Was mit dieser Buchung geschah, älteste zuerst' });
  const moves = history.getByRole('row', { name: /Bus zugewiesen/ });
  await expect(moves).toHaveCount(2);
  await expect(moves.first()).toContainText(`Bus zugewiesen (trotz Verstoß) · ${fullBus}${dispatcher.name} (Leitstelle)Frau Einzeln gehört zur Gruppe`);
  await expect(moves.last()).toContainText(`Bus zugewiesen · ${riderBus}${dispatcher.name} (Leitstelle)Rückgängig gemacht (war: Frau Einzeln gehört zur Gruppe)`);
  await checkState(page, testInfo, 'desk-booking-forced-history');
});

test('a bus out of service: its riders that fit nowhere are listed for attention, with the action that places them', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'dispatcher');
  const day = berlinDate(3);
  // Groups at one time until the fleet is full: then no bus can take over a group.
  const groups: Array<Awaited<ReturnType<typeof bookForCaller>>> = [];
  for (let i = 0; i < 10 && !groups.some((g) => g.status === 'rejected'); i += 1) {
    groups.push(await bookForCaller(page, { from: 'DAS-BR', to: 'OLZ-KI', at: '10:00', seats: 8, day, name: `Gruppe ${i + 1}` }));
  }
  expect(groups.some((g) => g.status === 'rejected'), 'the fleet is full at 10:00').toBe(true);
  const broken = groups.find((g) => g.status === 'offered')!;
  const label = (await overviewOf(page, day)).buses.find((b) => b.id === broken.vehicleId)!.label;

  await page.goto(`/leitstelle?tag=${day}`);
  await expect(page.getByText('Nichts offen')).toBeVisible();
  await page.getByRole('button', { name: `Außer Dienst (${label})` }).click();
  const dialog = page.getByRole('dialog', { name: 'Bus außer Dienst nehmen' });
  await dialog.getByRole('button', { name: 'Außer Dienst nehmen' }).click();
  await expect(dialog.getByText('Bitte geben Sie einen Grund an.')).toBeVisible();
  await dialog.getByLabel('Grund (Pflicht, steht im Protokoll)').fill('Kupplung defekt');
  await dialog.getByRole('button', { name: 'Außer Dienst nehmen' }).click();
  await expect(dialog.getByRole('status')).toContainText(`${label} ist außer Dienst.`);
  await expect(dialog.getByRole('status')).toContainText('1 ohne Platz');
  await dialog.getByRole('button', { name: 'Schließen' }).click();

  const attention = page.getByRole('region', { name: /Braucht Aufmerksamkeit/ });
  const item = attention.getByRole('listitem').filter({ hasText: /^Ohne Bus/ }).filter({ hasText: 'Gruppe' });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Dasburg');
  await expect(page.getByRole('row', { name: new RegExp(label) })).toContainText('Außer Dienst: Kupplung defekt');
  await checkState(page, testInfo, 'desk-out-of-service');
  await wideScreenshot(page, 'desk-out-of-service', testInfo.project.name);
  // On the timeline the bus is greyed, with its reason in words.
  await page.goto(`/leitstelle/zeitplan?tag=${day}`);
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: new RegExp(`^${label}\\b`) }) })).toContainText('Außer Dienst: Kupplung defekt');
  await checkState(page, testInfo, 'desk-timeline-out-of-service');
  await page.goto(`/leitstelle?tag=${day}`);

  // Back in service; the group is placed again by assigning it (forced: its window may now be tight).
  await page.getByRole('button', { name: `Wieder in Dienst (${label})` }).click();
  const back = page.getByRole('dialog', { name: 'Bus wieder in Dienst nehmen' });
  await back.getByRole('button', { name: 'Wieder in Dienst' }).click();
  await expect(back.getByRole('status')).toContainText(`${label} ist wieder im Dienst.`);
  await back.getByRole('button', { name: 'Schließen' }).click();
  await item.getByRole('button', { name: 'Bus zuweisen' }).click();
  const assign = page.getByRole('dialog', { name: 'Bus zuweisen' });
  await assign.getByLabel('Bus').selectOption({ label });
  await assign.getByRole('button', { name: 'Zuweisen' }).click();
  await expect(assign.getByRole('status')).toContainText(`fährt jetzt mit ${label}`);
  await assign.getByRole('button', { name: 'Schließen' }).click();
  await expect(item).toHaveCount(0);
});
