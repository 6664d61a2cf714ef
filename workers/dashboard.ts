import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { Router } from 'express';

/** Bull Board over the dispatch queues, to mount at `basePath` behind admin authentication. */
export function createQueueDashboard(queues: Queue[], basePath = '/admin/queues'): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  // @bull-board/express pins its own copy of @bull-board/api; the two differ only in private fields.
  const adapter = serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'];
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue)), serverAdapter: adapter });
  return serverAdapter.getRouter() as Router;
}
