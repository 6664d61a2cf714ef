/**
 * The simulation's clock and what is due on it: actions at virtual instants, run in time order
 * (ties in the order they were added). The clock jumps from one instant to the next; nothing waits
 * for wall time except the service's own work.
 */
export interface Agenda {
  now: () => Date;
  nowMs: () => number;
  at(ms: number, kind: ActionKind, run: () => Promise<void>): void;
  /** The actions due at the next instant (all of them), with the clock set to it; undefined when none is left before `untilMs`. */
  next(untilMs: number): Array<{ kind: ActionKind; run: () => Promise<void> }> | undefined;
}

export type ActionKind = 'request' | 'cancel' | 'driver' | 'reoptimise';

export function createAgenda(startMs: number): Agenda {
  let clockMs = startMs;
  let seq = 0;
  const items: Array<{ at: number; seq: number; kind: ActionKind; run: () => Promise<void> }> = [];
  return {
    now: () => new Date(clockMs),
    nowMs: () => clockMs,
    at(ms, kind, run) {
      const item = { at: Math.max(ms, clockMs), seq: (seq += 1), kind, run };
      // Binary search for the place after every earlier or equal item.
      let lo = 0;
      let hi = items.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (items[mid].at <= item.at) lo = mid + 1;
        else hi = mid;
      }
      items.splice(lo, 0, item);
    },
    next(untilMs) {
      if (items.length === 0 || items[0].at > untilMs) return undefined;
      clockMs = items[0].at;
      let count = 0;
      while (count < items.length && items[count].at === clockMs) count += 1;
      return items.splice(0, count);
    },
  };
}
