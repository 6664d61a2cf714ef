import { parentPort } from 'node:worker_threads';
import { SolverInputError } from '../routing/solver';
import { runSolverTask, type SolverTask } from '../routing/solver-tasks';

/**
 * Worker-thread entry: runs one solver task per message, so a long solve never blocks the event loop
 * that renews job locks and area locks.
 */
parentPort!.on('message', (message: { id: number; task: SolverTask }) => {
  try {
    parentPort!.postMessage({ id: message.id, ok: true, answer: runSolverTask(message.task) });
  } catch (error) {
    // The solver's input error does not set its name; name it here so the pool can make it again.
    const name = error instanceof SolverInputError ? 'SolverInputError' : (error as Error).name;
    const text = (error as Error).message;
    parentPort!.postMessage({ id: message.id, ok: false, error: { name, message: text } });
  }
});
