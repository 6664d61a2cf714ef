import type { Logger } from './logger';

export interface ShutdownStep {
  name: string;
  /** Runs with the milliseconds left of the grace period (0 once it is spent: finish at once). */
  run(leftMs: number): unknown;
}

/**
 * The shutdown on SIGTERM/SIGINT: the steps in order (each one's failure is logged and the next runs),
 * sharing one grace period, then exit 0. Should a step hang past the grace period and a margin for
 * closing connections, the process exits 1 rather than linger. A repeated signal (a terminal sends
 * SIGINT to npm, tsx and the service at once, and npm and tsx relay it too) changes nothing.
 */
export function createShutdown(options: { graceMs: number; log: Logger; steps: ShutdownStep[]; exit?: (code: number) => void; hardMarginMs?: number }) {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started: Promise<void> | undefined;
  const run = async (signal: string) => {
    const deadline = Date.now() + options.graceMs;
    options.log.info({ signal, graceMs: options.graceMs }, 'shutting down');
    const hard = setTimeout(() => {
      options.log.error({ signal }, 'shutdown did not finish in time; exiting');
      exit(1);
    }, options.graceMs + (options.hardMarginMs ?? 10_000));
    hard.unref();
    for (const step of options.steps) {
      try {
        await step.run(Math.max(0, deadline - Date.now()));
      } catch (error) {
        options.log.error({ step: step.name, err: (error as Error).message }, 'shutdown step failed');
      }
    }
    clearTimeout(hard);
    options.log.info({ signal }, 'shut down');
    exit(0);
  };
  return (signal: string): Promise<void> => (started ??= run(signal));
}
