import { randomInt } from 'node:crypto';
import type { StaffUser } from '../../data-access/admin-repository';
import { hashToken, newToken } from '../auth/tokens';
import { hashPassword } from '../accounts/passwords';
import { domainErrors } from '../domain-error';
import type { DomainContext } from '../context';
import { loggedChange, type AdminChange, type LoggedBy } from './admin-change';
import type { StaffInput, StaffPatch } from './admin-schemas';

/** Letters and digits that cannot be mistaken for each other when read out or typed from a note. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 16 characters of that alphabet: about 92 bits, more than any rule for a first password asks. */
export function generatePassword(): string {
  return Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** A staff login's secrets, shown once: the password (log-in by phone) and an API token. */
export interface StaffCredentials {
  password: string;
  token: string;
}

async function newCredentials(): Promise<StaffCredentials & { passwordHash: string; tokenHash: string }> {
  const password = generatePassword();
  const token = newToken();
  return { password, token, passwordHash: await hashPassword(password), tokenHash: hashToken(token) };
}

/** Called when a login's token must stop at once (the token cache of this process forgets it). */
export type ForgetUser = (userId: string) => void;

async function assertAreas(ctx: Pick<DomainContext, 'repos'>, areaIds: string[]): Promise<void> {
  for (const [i, id] of areaIds.entries()) {
    if (!(await ctx.repos.areas.findById(id))) throw domainErrors.invalid([{ field: `areaIds.${i}`, message: 'unknown service area' }]);
  }
}

async function assertVehicles(ctx: Pick<DomainContext, 'repos'>, vehicleIds: string[]): Promise<void> {
  for (const [i, id] of vehicleIds.entries()) {
    if (!(await ctx.repos.fleet.findVehicle(id))) throw domainErrors.invalid([{ field: `vehicleIds.${i}`, message: 'unknown vehicle' }]);
  }
}

/** A dispatcher, driver or admin login; its password and token are returned once and stored only as hashes. */
export async function createStaff(ctx: Pick<DomainContext, 'db' | 'now' | 'repos'>, change: LoggedBy, input: StaffInput): Promise<{ user: StaffUser } & StaffCredentials> {
  const areaIds = [...new Set(input.areaIds ?? [])];
  const vehicleIds = [...new Set(input.vehicleIds ?? [])];
  await assertAreas(ctx, areaIds);
  await assertVehicles(ctx, vehicleIds);
  const { password, token, passwordHash, tokenHash } = await newCredentials();
  const user = await loggedChange(ctx, change, 'user_created', async (repos) => {
    const created = await repos.admin.createStaff({ role: input.role, name: input.name, phone: input.phone, tokenHash, passwordHash });
    await repos.admin.setUserAreas(created.id, areaIds);
    await repos.admin.setDriverVehicles(created.id, vehicleIds);
    return created;
  }, (u) => ({ userId: u.id, role: u.role, areaIds, vehicleIds }));
  return { user: { ...user, deactivatedAt: null, areaIds, vehicleIds }, password, token };
}

async function staffOrNotFound(ctx: Pick<DomainContext, 'repos'>, userId: string): Promise<StaffUser> {
  const user = await ctx.repos.admin.findStaff(userId);
  if (!user) throw domainErrors.notFound('User');
  if (user.deactivatedAt) throw domainErrors.conflict('user-deactivated', 'This login is deactivated.');
  return user;
}

/**
 * Renames a login, or sets a dispatcher's areas or a driver's buses. A driver's new buses count from
 * the next request of their tablet: the check is made on every request, not remembered.
 */
export async function updateStaff(ctx: DomainContext, change: AdminChange, userId: string, patch: StaffPatch): Promise<StaffUser> {
  const user = await staffOrNotFound(ctx, userId);
  if (patch.areaIds !== undefined && user.role !== 'dispatcher') throw domainErrors.invalid([{ field: 'areaIds', message: 'only dispatchers are scoped to areas' }]);
  if (patch.vehicleIds !== undefined && user.role !== 'driver') throw domainErrors.invalid([{ field: 'vehicleIds', message: 'only drivers are tied to buses' }]);
  const areaIds = patch.areaIds && [...new Set(patch.areaIds)];
  const vehicleIds = patch.vehicleIds && [...new Set(patch.vehicleIds)];
  if (areaIds) await assertAreas(ctx, areaIds);
  if (vehicleIds) await assertVehicles(ctx, vehicleIds);
  await loggedChange(ctx, change, 'user_updated', async (repos) => {
    if (patch.name !== undefined && !(await repos.admin.renameStaff(userId, patch.name))) throw domainErrors.conflict('user-deactivated', 'This login is deactivated.');
    if (areaIds) await repos.admin.setUserAreas(userId, areaIds);
    if (vehicleIds) await repos.admin.setDriverVehicles(userId, vehicleIds);
  }, () => ({ userId, ...(patch.name === undefined ? {} : { name: patch.name }), ...(areaIds ? { areaIds } : {}), ...(vehicleIds ? { vehicleIds } : {}) }));
  return (await ctx.repos.admin.findStaff(userId))!;
}

/** Ends a login: token, password and sessions go in one transaction, and this process forgets the token at once. */
export async function deactivateStaff(ctx: DomainContext, change: AdminChange, forget: ForgetUser, userId: string): Promise<StaffUser> {
  if (userId === change.actor.id) throw domainErrors.invalid([{ field: 'id', message: 'an admin cannot deactivate their own login' }]);
  await staffOrNotFound(ctx, userId);
  await loggedChange(ctx, change, 'user_deactivated', async (repos) => {
    if (!(await repos.admin.deactivate(userId, ctx.now()))) throw domainErrors.conflict('user-deactivated', 'This login is deactivated.');
  }, () => ({ userId }));
  forget(userId);
  return (await ctx.repos.admin.findStaff(userId))!;
}

/** New password and token for a login (the old ones and its sessions stop working). */
export async function resetStaffCredentials(ctx: DomainContext, change: AdminChange, forget: ForgetUser, userId: string): Promise<{ user: StaffUser } & StaffCredentials> {
  const user = await staffOrNotFound(ctx, userId);
  const { password, token, passwordHash, tokenHash } = await newCredentials();
  await loggedChange(ctx, change, 'user_reset', async (repos) => {
    if (!(await repos.admin.resetCredentials(userId, tokenHash, passwordHash))) throw domainErrors.conflict('user-deactivated', 'This login is deactivated.');
  }, () => ({ userId }));
  forget(userId);
  return { user, password, token };
}
