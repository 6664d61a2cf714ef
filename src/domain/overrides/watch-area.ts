import type { Repositories } from '../context';
import type { PlanChangeNotifier } from '../dispatch/plan-change-notifier';

/**
 * Calls `onChange` with the area's new change stamp whenever what the dispatch desk shows of `day` changes:
 * at once when a plan is rewritten (the notifier), else found by a check of the stamp every
 * `pollMs` (a booking decided or rejected, a bus's position, a change another process announced
 * late). The first call tells the current stamp. Stops when `signal` aborts.
 */
export function watchArea(
  repos: Pick<Repositories, 'areas'>,
  notifier: Pick<PlanChangeNotifier, 'subscribeAll'>,
  areaId: string,
  day: { start: Date; end: Date },
  options: { pollMs: number; signal: AbortSignal },
  onChange: (stamp: string) => void,
): void {
  let last: string | undefined;
  let checking = false;
  let again = false;
  const check = async () => {
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    try {
      do {
        again = false;
        const stamp = await repos.areas.changeStamp(areaId, day.start, day.end).catch(() => last);
        if (stamp !== undefined && stamp !== last && !options.signal.aborted) {
          last = stamp;
          onChange(stamp);
        }
      } while (again && !options.signal.aborted);
    } finally {
      checking = false;
    }
  };
  const unsubscribe = notifier.subscribeAll(() => void check());
  const poll = setInterval(() => void check(), options.pollMs);
  options.signal.addEventListener('abort', () => {
    unsubscribe();
    clearInterval(poll);
  }, { once: true });
  void check();
}
