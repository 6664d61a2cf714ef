import type { DomainContext } from '../context';
import { domainErrors } from '../domain-error';
import { loggedChange, type AdminChange } from './admin-change';
import type { StopsChanged } from './manage-stops';

async function assertArea(ctx: Pick<DomainContext, 'repos'>, areaId: string, field?: string): Promise<void> {
  if (await ctx.repos.areas.findById(areaId)) return;
  throw field ? domainErrors.invalid([{ field, message: 'unknown service area' }]) : domainErrors.notFound('Service area');
}

/**
 * Links two areas for cross-area rides: a booking picked up in one may be set down at a stop of the
 * other, and the pick-up area's buses drive there. Both areas' travel times then span both areas'
 * stops, so both are rebuilt. Linking a linked pair changes nothing (and logs nothing).
 */
export async function linkAreas(ctx: DomainContext, change: AdminChange, stopsChanged: StopsChanged, areaId: string, otherAreaId: string): Promise<{ created: boolean; linkedAreaIds: string[] }> {
  await assertArea(ctx, areaId);
  await assertArea(ctx, otherAreaId, 'areaId');
  if (areaId === otherAreaId) throw domainErrors.invalid([{ field: 'areaId', message: 'an area is not linked to itself' }]);
  const created = await loggedChange(ctx, change, 'areas_linked', async (repos) => {
    const linked = await repos.admin.linkAreas(areaId, otherAreaId);
    // Nothing changed: roll back so that nothing is logged either.
    if (!linked) throw new AlreadyLinked();
    return linked;
  }, () => ({ areaId, otherAreaId })).catch((error: unknown) => {
    if (error instanceof AlreadyLinked) return false;
    throw error;
  });
  if (created) await Promise.all([stopsChanged(areaId), stopsChanged(otherAreaId)]);
  return { created, linkedAreaIds: await ctx.repos.areas.linkedAreaIds(areaId) };
}

class AlreadyLinked extends Error {}

/** Ends a link; refused (409, the rides listed) while booked rides still cross between the two areas. */
export async function unlinkAreas(ctx: DomainContext, change: AdminChange, stopsChanged: StopsChanged, areaId: string, otherAreaId: string): Promise<{ linkedAreaIds: string[] }> {
  await assertArea(ctx, areaId);
  if (!(await ctx.repos.areas.linkedAreaIds(areaId)).includes(otherAreaId)) throw domainErrors.notFound('Link between these areas');
  await loggedChange(ctx, change, 'areas_unlinked', async (repos) => {
    if (await repos.admin.unlinkAreas(areaId, otherAreaId)) return;
    const bookingIds = await repos.admin.ridesCrossing(areaId, otherAreaId);
    if (bookingIds.length === 0) throw domainErrors.notFound('Link between these areas');
    throw domainErrors.conflict('area-link-in-use', `${bookingIds.length} booked ride(s) still cross between the two areas; cancel or re-book them first.`, { bookingIds });
  }, () => ({ areaId, otherAreaId }));
  await Promise.all([stopsChanged(areaId), stopsChanged(otherAreaId)]);
  return { linkedAreaIds: await ctx.repos.areas.linkedAreaIds(areaId) };
}
