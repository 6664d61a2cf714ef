import { loadavg } from 'node:os';
import { createRng } from '../soak/rng';
import { createAgenda, type ActionKind } from './agenda';
import type { DemandRequest } from './demand';
import { createDriver, DRIVER_BEHAVIOUR, type Leg } from './drivers';
import { localTime } from './local-time';
import { watchQueues } from './queues-idle';
import { apiAt, createRiders, type Outcome } from './riders';
import { buildWorld, type Policy, type WorldSettings } from './world';
import type { Booking } from '../../src/data-access/bookings-repository';

export interface DayRun {
  day: string;
  seed: number;
  demand: DemandRequest[];
  fleet: number;
  policy: Policy;
  rules?: WorldSettings['rules'];
  databaseUrl?: string;
  redisUrl: string;
  /** REOPTIMISE_EVERY_S on the simulation's clock (policy reoptimise). */
  reoptimiseEveryS: number;
  reoptimiseBudgetMs: number;
  /** Above 0: each re-optimisation solve runs this many iterations instead of the time budget (REOPTIMISE_MAX_ITERATIONS). */
  reoptimiseIterations?: number;
  timeZone: string;
  /** The day ends at this local minute (default 23:30, after the demo shifts). */
  endMinute?: number;
  /** Called about once a wall second with a line on how far the day is. */
  progress?: (line: string) => void;
  /** Left open for a test to read (closed by the caller). */
  keepOpen?: boolean;
}

export interface DayResult {
  run: Omit<DayRun, 'demand' | 'progress'>;
  outcomes: Outcome[];
  legs: Leg[];
  /** Every booking of the run, as the database has it at the end of the day. */
  bookings: Booking[];
  vehicles: Array<{ id: string; label: string }>;
  stops: Array<{ id: string; code: string; name: string }>;
  reoptimisations: number;
  wallS: number;
  /** CPU seconds of this process over the run (all its threads: API, workers, solver threads, PGlite), and the host's 1-minute load average at the end. */
  cpuS: number;
  hostLoad: number;
  /** Wall seconds by what an instant of the virtual clock held (the costliest kind it held), and how many instants. */
  /** Iterations of each re-optimisation solve the worker ran (periodic and event-driven). */
  solveIterations: number[];
  wallByKind: Record<ActionKind | 'setup', { seconds: number; instants: number }>;
  world?: Awaited<ReturnType<typeof buildWorld>>;
}

/**
 * One day through the real service on a virtual clock: the requests booked at the times they are
 * asked, cancellations sent when due, periodic re-optimisation (policy reoptimise) every
 * `reoptimiseEveryS` of the simulated time, and the drivers driving their plans. After each instant
 * the clock waits until the service's queues are idle, so every decision is taken at the time it
 * would have been taken.
 */
export async function simulateDay(run: DayRun): Promise<DayResult> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const firstAsked = Math.min(...run.demand.map((r) => r.requestedAt.getTime()));
  const dayStartMs = localTime(run.day, 0, run.timeZone).getTime();
  const agenda = createAgenda(Math.min(firstAsked, dayStartMs) - 60_000);
  const world = await buildWorld({ ...run, seededAt: agenda.now(), now: agenda.now });
  const wallByKind = Object.fromEntries((['setup', 'request', 'cancel', 'driver', 'reoptimise'] as const).map((k) => [k, { seconds: 0, instants: 0 }])) as DayResult['wallByKind'];
  wallByKind.setup = { seconds: (performance.now() - started) / 1000, instants: 0 };
  try {
    const api = apiAt(world.url);
    const riders = createRiders(api, world.dispatcherToken, world.stopIdByCode);
    const rng = createRng(run.seed * 7919 + 17);
    const noShows = new Set<string>();
    const legs: Leg[] = [];
    const drivers = world.drivers.map((d) => createDriver(d, { api, agenda, travel: world.travel, rng, noShows, behaviour: DRIVER_BEHAVIOUR, legs }));
    const shiftStartMs = localTime(run.day, 5 * 60 + 30, run.timeZone).getTime();
    drivers.forEach((d) => d.start(shiftStartMs));
    // Since the last re-optimisation / since the drivers last looked: a booking decided or cancelled.
    let changed = false;
    let plansMoved = false;
    for (const request of run.demand) {
      agenda.at(request.requestedAt.getTime(), 'request', async () => {
        const outcome = await riders.book(request);
        if (outcome.decision === 'offered') {
          changed = true;
          plansMoved = true;
          if (request.noShow) noShows.add(outcome.bookingId!);
        }
        if (request.cancelAt && outcome.decision === 'offered') {
          agenda.at(request.cancelAt.getTime(), 'cancel', async () => {
            const cancelled = await riders.cancel(request, 'Fahrgast sagt ab');
            changed ||= cancelled;
            plansMoved ||= cancelled;
          });
        }
      });
    }
    let reoptimisations = 0;
    let periodicAdded = false;
    const queues = world.service.dispatch.queues;
    const watch = await watchQueues(queues, run.redisUrl, { reoptimisePaused: run.policy === 'insertion' });
    if (run.policy === 'reoptimise') {
      const tick = () => agenda.at(agenda.nowMs() + run.reoptimiseEveryS * 1000, 'reoptimise', async () => {
        // The job the periodic scheduler adds (REOPTIMISE_EVERY_S), added on the simulated clock. A
        // run when nothing changed since the last one is left out: it would find the same plans.
        if (changed) {
          changed = false;
          reoptimisations += 1;
          plansMoved = true;
          periodicAdded = true;
          await queues.events.add('periodic', { reason: 'periodic' });
        }
        tick();
      });
      tick();
    }
    const endMs = localTime(run.day, run.endMinute ?? 23 * 60 + 30, run.timeZone).getTime();
    let lastProgress = 0;
    try {
      for (let due = agenda.next(endMs); due; due = agenda.next(endMs)) {
        const instantStarted = performance.now();
        periodicAdded = false;
        // Requests asked at one instant are booked together (one batch); everything else in turn.
        await Promise.all(due.filter((a) => a.kind === 'request').map((a) => a.run()));
        for (const action of due.filter((a) => a.kind !== 'request')) await action.run();
        // A tick that found nothing changed gave the service nothing to do (most ticks of the days before).
        if (!periodicAdded && due.every((a) => a.kind === 'reoptimise')) continue;
        await watch.idle();
        const spent = wallByKind[costliest(due.map((a) => a.kind))];
        spent.seconds += (performance.now() - instantStarted) / 1000;
        spent.instants += 1;
        // A plan may have changed under a waiting driver: they look again (a tick that ran nothing moved no plan).
        if (plansMoved) drivers.forEach((d) => d.nudge());
        plansMoved = false;
        if (run.progress && performance.now() - lastProgress > 1000) {
          lastProgress = performance.now();
          run.progress(progressLine(agenda.nowMs(), dayStartMs, endMs, riders.outcomes, legs));
        }
        if (drivers.every((d) => d.finished)) break;
      }
    } finally {
      await watch.close();
    }
    const solved = await queues.reoptimise.getJobs(['completed']);
    const solveIterations = solved.flatMap((job) => (typeof job.returnvalue?.iterations === 'number' ? [job.returnvalue.iterations as number] : []));
    const bookings = await world.repos.bookings.findByIds([...riders.outcomes.values()].flatMap((o) => (o.bookingId ? [o.bookingId] : [])));
    const stops = await world.repos.areas.allStops(world.areaId);
    const vehicles = (await world.repos.areas.vehicles(world.areaId)).filter((v) => world.drivers.some((d) => d.vehicleId === v.id));
    const { demand: _demand, progress: _progress, ...settings } = run;
    return {
      run: settings, outcomes: [...riders.outcomes.values()], legs, bookings, reoptimisations,
      vehicles: vehicles.map((v) => ({ id: v.id, label: v.label })), stops: stops.map((s) => ({ id: s.id, code: s.code, name: s.name })),
      wallS: (performance.now() - started) / 1000, wallByKind,
      cpuS: cpuSeconds(process.cpuUsage(cpuStarted)), hostLoad: loadavg()[0], solveIterations,
      ...(run.keepOpen ? { world } : {}),
    };
  } finally {
    if (!run.keepOpen) await world.close();
  }
}

const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

/** An instant counts for the costliest work it held: a re-optimisation, then bookings, cancellations, drivers. */
function costliest(kinds: ActionKind[]): ActionKind {
  return (['reoptimise', 'request', 'cancel', 'driver'] as const).find((k) => kinds.includes(k)) ?? 'driver';
}

function progressLine(nowMs: number, dayStartMs: number, endMs: number, outcomes: Map<string, Outcome>, legs: Leg[]) {
  const share = Math.max(0, Math.min(1, (nowMs - dayStartMs) / (endMs - dayStartMs)));
  const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
  const local = new Date(nowMs).toLocaleString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
  const offered = [...outcomes.values()].filter((o) => o.decision === 'offered').length;
  return `[${bar}] ${local}  requests ${outcomes.size}, offered ${offered}, legs driven ${legs.length}`;
}
