import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SolverInputError } from '../routing/solver';
import { planStateKey, type SolverAnswer, type SolverTask } from '../routing/solver-tasks';

// The thread entry is TypeScript: register tsx's loader inside the thread first. (`execArgv:
// ['--import', 'tsx']` fails under vitest, whose own loader flags the thread would inherit.)
// require.resolve finds tsx's CommonJS build of the API; its ES module sits beside it.
const TSX_API = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs')).href;
const THREAD_ENTRY = new URL('./solve-thread.ts', import.meta.url).href;
const THREAD_BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(THREAD_ENTRY)}); });`;

/** A solver error that crossed the thread boundary; `name` is kept. */
export class SolverThreadError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * The error as thrown in the thread: a structured clone keeps only name and message, so the
 * solver's input error is made again as itself (the workers give up on it, see asDomainError).
 */
function rebuilt(error: { name: string; message: string }): Error {
  return error.name === 'SolverInputError' ? new SolverInputError(error.message) : new SolverThreadError(error.name, error.message);
}

export interface SolverPool {
  run<T extends SolverTask>(task: T): Promise<SolverAnswer<T>>;
  close(): Promise<void>;
}

interface Pending {
  id: number;
  task: SolverTask;
  resolve: (answer: never) => void;
  reject: (error: Error) => void;
}

/**
 * A few worker threads running solver tasks, one task per thread at a time. A thread that dies takes
 * only its own task with it and is replaced. A task that keeps a plan state makes its thread the
 * home of that key; a task that starts from the kept state runs there when that thread is free, and
 * is answered "missing" at once otherwise, so the caller sends the whole instance to any free thread
 * instead of waiting behind a long task (a re-optimisation) or for a thread that died.
 */
export function createSolverPool(size: number): SolverPool {
  const queue: Pending[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  const home = new Map<string, Worker>();
  let nextId = 1;
  let closed = false;

  function spawn(): void {
    const thread = new Worker(THREAD_BOOTSTRAP, { eval: true });
    thread.on('message', (message: { id: number; ok: boolean; answer?: unknown; error?: { name: string; message: string } }) => {
      const job = busy.get(thread);
      busy.delete(thread);
      if (job && job.id === message.id) {
        if (message.ok) job.resolve(message.answer as never);
        else job.reject(rebuilt(message.error!));
      }
      idle.push(thread);
      pump();
    });
    thread.on('error', (error) => busy.get(thread)?.reject(error));
    thread.on('exit', () => {
      const job = busy.get(thread);
      busy.delete(thread);
      job?.reject(new Error('solver thread exited'));
      const at = idle.indexOf(thread);
      if (at >= 0) idle.splice(at, 1);
      for (const [key, owner] of home) if (owner === thread) home.delete(key);
      if (!closed) spawn();
    });
    thread.unref();
    idle.push(thread);
  }

  function pump(): void {
    while (idle.length > 0 && queue.length > 0) {
      const job = queue.shift()!;
      const key = planStateKey(job.task);
      const kept = job.task.kind === 'insertBatchDelta' || job.task.kind === 'alternativesDelta';
      const at = kept ? idle.indexOf(home.get(key!)!) : idle.length - 1;
      if (at < 0) {
        job.resolve({ missing: true } as never);
        continue;
      }
      const [thread] = idle.splice(at, 1);
      if (key !== undefined) home.set(key, thread);
      busy.set(thread, job);
      thread.ref();
      thread.postMessage({ id: job.id, task: job.task });
    }
    for (const thread of idle) thread.unref();
  }

  return {
    run<T extends SolverTask>(task: T): Promise<SolverAnswer<T>> {
      if (closed) return Promise.reject(new Error('solver pool is closed'));
      // Threads start with the first tasks that find none free (each loads the solver, about a second
      // of CPU), so a process that never solves, or solves little, never starts them all.
      if (idle.length === 0 && busy.size < Math.max(1, size)) spawn();
      return new Promise<SolverAnswer<T>>((resolve, reject) => {
        queue.push({ id: nextId++, task, resolve: resolve as (answer: never) => void, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      const threads = [...idle, ...busy.keys()];
      for (const job of queue.splice(0)) job.reject(new Error('solver pool is closed'));
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
