import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Repositories } from '../domain/context';
import { randomBytes } from 'node:crypto';
import { newToken, hashToken } from '../domain/auth/tokens';
import { hashPassword } from '../domain/accounts/passwords';
import { localDates, shiftSpans } from '../domain/fleet/daily-shifts';
import { normalisePhone } from '../domain/users/phone-number';
import { demoServiceArea, demoShift, demoStops, demoUsers, demoVehicles } from '../../db/seed/eifel-demo-data';

export interface DemoCredentials {
  areaId: string;
  /** The password of every demo login (web pages: phone number + this password), made new for each install. */
  password: string;
  users: Array<{ role: string; name: string; phone: string; token: string; userId: string; vehicleLabel?: string }>;
}

/** A password for the demo logins: new for every install, so no demo runs with a password known from the code. */
function demoPassword(): string {
  return `Eifel-${randomBytes(6).toString('base64url')}`;
}

/**
 * Seeds the Eifel demo into an empty database: the service area, its stops, six minibuses with daily
 * shifts over the booking horizon, and demo users whose tokens go to a file readable only by the
 * owner (never to the log).
 */
export async function seedDemo(repos: Repositories, options: { now: Date; credentialsPath?: string }): Promise<DemoCredentials> {
  const area = await repos.areas.create({
    name: demoServiceArea.name,
    timeZone: demoServiceArea.timeZone,
    hotline: demoServiceArea.hotline,
    infoUrl: demoServiceArea.infoUrl,
    polygon: demoServiceArea.polygon,
    operatingHours: demoServiceArea.operatingHours,
    rules: demoServiceArea.rules,
  });
  await repos.areas.upsertStops(area.id, demoStops.map((s) => ({ ...s, active: true })));
  const stops = await repos.areas.allStops(area.id);
  const stopByCode = new Map(stops.map((s) => [s.code, s]));

  const password = demoPassword();
  const passwordHash = await hashPassword(password);
  const credentials: DemoCredentials = { areaId: area.id, password, users: [] };
  const drivers = demoUsers.filter((u) => u.role === 'driver');
  for (const [index, spec] of demoVehicles.entries()) {
    const depot = stopByCode.get(spec.depotStopCode)!;
    const vehicle = await repos.fleet.createVehicle({
      areaId: area.id,
      label: spec.label,
      seats: spec.seats,
      wheelchairPlaces: spec.wheelchairPlaces,
      depotStopId: depot.id,
    });
    const driverSpec = drivers[index];
    const token = newToken();
    const driver = await repos.users.create({ ...driverSpec, phone: normalisePhone(driverSpec.phone), tokenHash: hashToken(token), passwordHash });
    credentials.users.push({ role: 'driver', name: driver.name, phone: driver.phone!, token, userId: driver.id, vehicleLabel: vehicle.label });
    const spans = shiftSpans(localDates(options.now, demoServiceArea.rules.maxHorizonDays + 1, area.timeZone), demoShift, area.timeZone);
    await repos.fleet.createShifts(
      spans.map((span) => ({ ...span, vehicleId: vehicle.id, driverId: driver.id, startDepotStopId: depot.id, endDepotStopId: depot.id })),
    );
  }
  for (const spec of demoUsers.filter((u) => u.role !== 'driver')) {
    const token = newToken();
    const user = await repos.users.create({ ...spec, phone: normalisePhone(spec.phone), tokenHash: hashToken(token), passwordHash });
    credentials.users.push({ role: user.role, name: user.name, phone: user.phone!, token, userId: user.id });
  }
  if (options.credentialsPath) writeCredentials(options.credentialsPath, credentials);
  return credentials;
}

export function writeCredentials(path: string, credentials: DemoCredentials): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/**
 * Keeps the demo buses on shift over the whole booking horizon when the service runs for days:
 * adds the missing daily shifts after each bus's last one, with the same driver and depots.
 */
export async function extendDemoShifts(repos: Repositories, now: Date): Promise<number> {
  let added = 0;
  for (const area of await repos.areas.list()) {
    if (area.name !== demoServiceArea.name) continue;
    const dates = localDates(now, area.rules.maxHorizonDays + 1, area.timeZone);
    for (const vehicle of await repos.areas.vehicles(area.id)) {
      const existing = await repos.fleet.shiftsOfVehicle(vehicle.id, new Date(now.getTime() - 86_400_000), new Date(now.getTime() + 400 * 86_400_000));
      const last = existing.at(-1);
      if (!last) continue;
      const missing = shiftSpans(dates, demoShift, area.timeZone).filter((span) => span.startAt > last.startAt);
      await repos.fleet.createShifts(
        missing.map((span) => ({ ...span, vehicleId: vehicle.id, driverId: last.driverId, startDepotStopId: last.startDepotStopId, endDepotStopId: last.endDepotStopId })),
      );
      added += missing.length;
    }
  }
  return added;
}
