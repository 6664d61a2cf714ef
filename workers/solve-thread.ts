import { parentPort } from 'node:worker_threads';
import { runSolverTask, type SolverTask } from './solver-tasks';

/**
 * Worker-thread entry: runs one solver task per message, so a long solve never blocks the event loop
 * that renews job locks and area locks.
 */
parentPort!.on('message', (message: { id: number; task: SolverTask }) => {
  try {
    parentPort!.postMessage({ id: message.id, ok: true, answer: runSolverTask(message.task) });
  } catch (error) {
    const { name, message: text } = error as Error;
    parentPort!.postMessage({ id: message.id, ok: false, error: { name, message: text } });
  }
});
