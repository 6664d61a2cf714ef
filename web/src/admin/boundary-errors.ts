import { ApiError } from '../api';
import type { Translate } from '../i18n';

/**
 * What the service found wrong with a boundary, in words: it names the fault in its message
 * (src/domain/admin/area-boundary.ts), so the text picks the matching explanation.
 */
export function boundaryProblem(error: unknown, t: Translate): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const found = error.errors.find((e) => e.field.startsWith('boundary'));
  if (!found) return undefined;
  const kind = /cross/.test(found.message) ? 'crossing' : /km²/.test(found.message) ? 'size' : /closed/.test(found.message) ? 'closed' : /WGS84/.test(found.message) ? 'range' : 'shape';
  return t(`admin.boundary.errors.${kind}`, { detail: found.message });
}
