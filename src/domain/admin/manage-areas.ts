import type { ServiceArea } from '../../data-access/areas-repository';
import { domainErrors } from '../domain-error';
import type { DomainContext } from '../context';
import { loggedChange, type AdminChange } from './admin-change';
import type { AreaInput, AreaPatchInput } from './admin-schemas';
import { boundaryFieldErrors } from './area-boundary';

type Ctx = Pick<DomainContext, 'db' | 'now' | 'repos' | 'areaCache'>;

function assertBoundary(boundary: AreaInput['boundary'] | undefined): void {
  const errors = boundary ? boundaryFieldErrors(boundary) : [];
  if (errors.length > 0) throw domainErrors.invalid(errors, 'The boundary is not a usable service area.');
}

/** A new service area; it takes bookings once it has stops, a bus and shifts. */
export async function createArea(ctx: Ctx, change: AdminChange, input: AreaInput): Promise<ServiceArea> {
  assertBoundary(input.boundary);
  const { boundary, reason: _reason, ...rest } = input;
  const area = await loggedChange(ctx, change, 'area_created', (repos) => repos.areas.create({ ...rest, polygon: boundary }), (a) => ({ areaId: a.id, name: a.name }));
  ctx.areaCache?.invalidate();
  return area;
}

/** Changes what is given; the log names the fields. */
export async function updateArea(ctx: Ctx, change: AdminChange, areaId: string, patch: AreaPatchInput): Promise<ServiceArea> {
  assertBoundary(patch.boundary);
  const { boundary, reason: _reason, ...rest } = patch;
  const set = { ...rest, ...(boundary && { polygon: boundary }) };
  const area = await loggedChange(ctx, change, 'area_updated', async (repos) => {
    const updated = await repos.admin.updateArea(areaId, set);
    if (!updated) throw domainErrors.notFound('Service area');
    return updated;
  }, (a) => ({ areaId: a.id, fields: Object.keys(patch).filter((k) => k !== 'reason') }));
  ctx.areaCache?.invalidate(areaId);
  return area;
}
