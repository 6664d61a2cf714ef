/**
 * The load generator of `bench:dispatch`, in a process of its own so that sending and timing requests
 * does not take the API process's time (clients are elsewhere in production). Started by the bench,
 * which sends it the phases over IPC one at a time; prints progress and sends each result back the same way.
 */
import { Agent, request } from 'node:http';
import type { DemoRide } from './support/demo-rides';

export interface LoadPhase {
  url: string;
  token: string;
  label: string;
  rides: DemoRide[];
  /** Open loop: bookings per second, Poisson arrivals. */
  rate?: number;
  /** Closed loop: clients, each posting its next booking once the last was answered. */
  concurrency?: number;
}

export interface PhaseResult {
  /** Milliseconds, sorted. */
  latencies: number[];
  /** "HTTP status booking status" → count. */
  statuses: Record<string, number>;
  seconds: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1024 });

function post(phase: LoadPhase, ride: DemoRide): Promise<string> {
  const body = JSON.stringify(ride);
  return new Promise((resolve, reject) => {
    const req = request(phase.url, {
      method: 'POST', agent, headers: { authorization: `Bearer ${phase.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const answer = JSON.parse(Buffer.concat(chunks).toString()) as { status?: string };
        resolve(`${res.statusCode} ${answer.status ?? ''}`.trim());
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function run(phase: LoadPhase): Promise<PhaseResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const record = (status: string, latency: number) => {
    latencies.push(latency);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (latencies.length % 100 === 0) console.log(`  ${phase.label}: ${latencies.length}/${phase.rides.length}`);
  };
  const started = performance.now();
  if (phase.rate) {
    // Ride i goes at its scheduled time whether or not earlier ones were answered, and its latency
    // counts from that time, so a stalled client cannot hide a slow answer.
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2_147_483_647) / 2_147_483_647;
    let at = 0;
    const schedule = phase.rides.map(() => (at += (-Math.log(1 - random()) / phase.rate!) * 1000));
    await Promise.all(phase.rides.map(async (ride, i) => {
      const wait = started + schedule[i] - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const status = await post(phase, ride);
      record(status, performance.now() - (started + schedule[i]));
    }));
  } else {
    let next = 0;
    await Promise.all(Array.from({ length: phase.concurrency ?? 1 }, async () => {
      while (next < phase.rides.length) {
        const ride = phase.rides[next++];
        const t = performance.now();
        const status = await post(phase, ride);
        record(status, performance.now() - t);
      }
    }));
  }
  return { latencies: latencies.sort((a, b) => a - b), statuses, seconds: (performance.now() - started) / 1000 };
}

// Phases come one at a time; 'close' ends the process.
process.on('message', (message: LoadPhase | 'close') => {
  if (message === 'close') {
    agent.destroy();
    process.exit(0);
  }
  run(message)
    .then((result) => process.send!(result))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
});
