import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { berlinDate } from './support';

let callers = 0;

/** A ride booked by the logged-in dispatcher for a new phone caller, waited for until the worker pool decided it. */
export async function bookForCaller(page: Page, options: { from: string; to: string; at: string; seats?: number; day?: string; name?: string }): Promise<{ id: string; status: string; vehicleId: string | null }> {
  callers += 1;
  const { csrfToken } = await (await page.request.get('/v1/session')).json();
  const stops = (await (await page.request.get('/v1/stops')).json()).items as Array<{ id: string; code: string }>;
  const stopId = (code: string) => stops.find((s) => s.code === code)!.id;
  const day = options.day ?? berlinDate(1);
  const phone = `+49 6561 7${String(Date.now() % 1e4).padStart(4, '0')}${String(callers).padStart(2, '0')}`;
  const answer = await page.request.post('/v1/bookings', {
    headers: { 'x-csrf-token': csrfToken, 'idempotency-key': `desk-${Date.now()}-${callers}` },
    data: {
      rider: { name: options.name ?? `Anrufer Nummer${callers}`, phone },
      pickup: { stopId: stopId(options.from) }, dropoff: { stopId: stopId(options.to) },
      departAfter: `${day}T${options.at}:00+01:00`, seats: options.seats ?? 1,
    },
  });
  expect(answer.status(), await answer.text()).toBeLessThan(300);
  const id = (await answer.json()).id as string;
  let booking: { status: string; offer: { vehicleId: string | null } | null } = await answer.json();
  await expect.poll(async () => {
    booking = await (await page.request.get(`/v1/bookings/${id}`)).json();
    return booking.status;
  }, { timeout: 30_000 }).not.toBe('pending');
  return { id, status: booking.status, vehicleId: booking.offer?.vehicleId ?? null };
}

/** The dispatcher's CSRF token, for API calls a test makes beside the page. */
export async function csrfOf(page: Page): Promise<string> {
  return (await (await page.request.get('/v1/session')).json()).csrfToken as string;
}

/** A screenshot wider than the usual pair, for the desk's big screens. */
export async function wideScreenshot(page: Page, name: string, projectName: string): Promise<void> {
  if (!projectName.startsWith('pglite')) return;
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `test-results/screenshots/${name}-1920x1080.png`, fullPage: true });
  if (size) await page.setViewportSize(size);
}
