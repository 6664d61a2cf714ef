import type { Problem } from './problem';

const EPS = 1e-7;

export const hasBreaks = (P: Problem, v: number): boolean => P.vBreakOffset[v + 1] > P.vBreakOffset[v];

/**
 * When a vehicle leaving at `t` arrives after `travelS` of driving: it drives up to a break, stands
 * still through it and drives on; leaving inside a break, it leaves when the break ends.
 */
export function arriveAroundBreaks(P: Problem, v: number, t: number, travelS: number): number {
  let clock = t;
  let left = travelS;
  for (let i = P.vBreakOffset[v]; i < P.vBreakOffset[v + 1]; i++) {
    const from = P.breakStart[i], to = P.breakEnd[i];
    if (clock >= to) continue;
    if (clock >= from) clock = to;
    else if (clock + left > from + EPS) {
      left -= from - clock;
      clock = to;
    } else break;
  }
  return clock + left;
}

/** The earliest service start from `b` whose service [start, start + serviceS) meets no break. */
export function serveAroundBreaks(P: Problem, v: number, b: number, serviceS: number): number {
  let start = b;
  for (let i = P.vBreakOffset[v]; i < P.vBreakOffset[v + 1]; i++) {
    if (start < P.breakEnd[i] - EPS && start + serviceS > P.breakStart[i] + EPS) start = P.breakEnd[i];
  }
  return start;
}
