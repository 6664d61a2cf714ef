import type { Audit } from './audit';
import type { BookingRecord } from './bookings';
import type { DeskStats } from './dispatch-desk';
import type { DriverStats } from './drivers';
import type { HttpStats } from './http';
import { childErrors } from './processes';

export interface SoakFigures {
  sent: number;
  accepted: number;
  refused: number;
  unanswered: number;
  decided: number;
  lost: number;
  decidedTwice: number;
  ridesOnTwoPlans: number;
  ridersOverLimit: number;
  plansFailing: number;
  serverErrors: number;
  p50Ms: number | undefined;
  p95Ms: number | undefined;
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? undefined : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);

/** The soak's figures from what the clients saw and what the database holds. */
export function figuresOf(records: BookingRecord[], audit: Audit, http: HttpStats): SoakFigures {
  let accepted = 0, refused = 0, unanswered = 0, decided = 0, lost = 0, told = 0;
  for (const r of records) {
    const stored = audit.bookings.get(r.key);
    if (r.answer !== undefined && r.answer >= 400) refused += 1;
    else if (r.answer === undefined) unanswered += 1;
    else accepted += 1;
    if (r.answer !== undefined && r.answer >= 400) continue;
    if (stored && stored.status !== 'pending') decided += 1;
    // Accepted and then missing or never decided; a request that never got an answer is lost only
    // when the service did store it and never decided it.
    if ((r.answer !== undefined && !stored) || stored?.status === 'pending') lost += 1;
    // What the client was told must be what the service decided, once.
    const kinds = stored ? audit.decisionEvents.get(stored.id) : undefined;
    if (r.decision && kinds && kinds[0] !== `booking.${r.decision}`) told += 1;
  }
  const twice = [...audit.decisionEvents.values()].filter((kinds) => kinds.length > 1).length;
  const latencies = records.flatMap((r) => (r.decidedAfterMs === undefined ? [] : [r.decidedAfterMs])).sort((a, b) => a - b);
  return {
    sent: records.length, accepted, refused, unanswered, decided, lost,
    decidedTwice: twice + told,
    ridesOnTwoPlans: audit.ridesOnTwoPlans,
    ridersOverLimit: audit.ridersOverLimit,
    plansFailing: audit.plansFailing.length,
    serverErrors: http.total5xx(),
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
  };
}

/** True when a figure that must be 0 is not. */
export const failed = (f: SoakFigures) => f.lost + f.decidedTwice + f.ridesOnTwoPlans + f.ridersOverLimit + f.plansFailing > 0;

const top = (counts: Map<string, number>, n = 8) => [...counts].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none';
const mark = (n: number) => (n === 0 ? '' : '   <-- must be 0');

export function printReport(f: SoakFigures, audit: Audit, records: BookingRecord[], details: { http: HttpStats; drivers: DriverStats; desk: DeskStats; faults: string[]; unexpectedExits: string[]; wallS: number; setting: string }) {
  const refusals = new Map<string, number>();
  for (const r of records) if (r.refusal) refusals.set(r.refusal, (refusals.get(r.refusal) ?? 0) + 1);
  const ms = (v: number | undefined) => (v === undefined ? 'n/a' : `${Math.round(v)} ms`);
  const lines = [
    '',
    `soak: ${details.setting}; wall time ${details.wallS.toFixed(0)} s`,
    `faults: ${details.faults.join('; ') || 'none'}`,
    `bookings sent                 ${f.sent}  (accepted ${f.accepted}, refused ${f.refused}, never answered ${f.unanswered})`,
    `  refused because             ${top(refusals)}`,
    `decided                       ${f.decided}`,
    `lost                          ${f.lost}${mark(f.lost)}`,
    `decided twice                 ${f.decidedTwice}${mark(f.decidedTwice)}`,
    `rides on two plans            ${f.ridesOnTwoPlans}${mark(f.ridesOnTwoPlans)}`,
    `riders over their limit       ${f.ridersOverLimit}${mark(f.ridersOverLimit)}`,
    `plans failing the checker     ${f.plansFailing} of ${audit.plansChecked}${mark(f.plansFailing)}`,
    ...audit.plansFailing.slice(0, 5).map((p) => `  shift ${p.shiftId}: ${p.violation}`),
    `5xx answers                   ${f.serverErrors}${f.serverErrors > 0 ? `  (${top(details.http.serverErrors)})` : ''}`,
    `decision latency              p50 ${ms(f.p50Ms)}, p95 ${ms(f.p95Ms)} (as the clients saw it, from first send to decision)`,
    '',
    `also: requests ${details.http.requests}, retries ${details.http.retries}, connection errors ${details.http.connectionErrors}, given up ${details.http.gaveUp}`,
    `  answers by status: ${[...details.http.byStatus].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n}`).join(', ')}`,
    `  driver events: ${top(details.drivers.events)}; refused: ${top(details.drivers.refused)}; manifest polls ${details.drivers.polls}; tablets stuck at a stop ${details.drivers.stuck}`,
    `  dispatch desk: ${top(details.desk.answers, 14)}`,
    `  rides whose row names another bus than the plan carrying them: ${audit.ridesOnPlanOfAnotherBus}; promised rides on no plan: ${audit.carriedOnNoPlan}${audit.carriedOnNoPlan > 0 ? ` (latest plan event: ${Object.entries(audit.noPlanWhy).map(([why, n]) => `${why} ${n}`).join(', ')})` : ''}; plans naming rides no bus carries: ${audit.stalePlans}`,
    `  phone numbers with more than one rider: ${audit.phonesWithTwoRiders}; still pending: ${audit.pending}`,
    `  processes that exited by themselves: ${details.unexpectedExits.join(', ') || 'none'}`,
    `  error lines in the service logs: ${[...childErrors.values()].reduce((a, b) => a + b, 0)}`,
    ...[...childErrors].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([kind, n]) => `    ${n} × ${kind}`),
  ];
  console.log(lines.join('\n'));
}
