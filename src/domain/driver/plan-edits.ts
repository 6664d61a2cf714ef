import type { PlanStop } from '../../../db/schema';

/**
 * The plan without the entries `drop` selects; the committed prefix shrinks by the committed entries
 * removed, so it still covers the same remaining stops.
 */
export function withoutEntries(stops: PlanStop[], committedStops: number, drop: (stop: PlanStop) => boolean) {
  const removedCommitted = stops.slice(0, committedStops).filter(drop).length;
  return { stops: stops.filter((s) => !drop(s)), committedStops: Math.max(0, committedStops - removedCommitted) };
}

export const isEntry = (bookingId: string, kind?: PlanStop['kind']) => (stop: PlanStop) =>
  stop.bookingId === bookingId && (kind === undefined || stop.kind === kind);
