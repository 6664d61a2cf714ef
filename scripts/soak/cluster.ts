import { freePort, startRedis, startService, stopChild, type Child } from './processes';
import { serviceEnv } from './service-env';

const RESTARTS_PER_PROCESS = 5;

/**
 * The deployment under test: one Redis of its own, two API processes on fixed ports (a restarted one
 * comes back where the clients expect it, as behind a load balancer) and two worker processes.
 * A process that dies without being told to is started again, as a supervisor would, and counted.
 */
export async function startCluster(options: { databaseUrl: string; dataDir: string; metricsToken: string; log: (line: string) => void }) {
  const redisPort = await freePort();
  const apiPorts = [await freePort(), await freePort()];
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const env = (port?: number) => serviceEnv({ databaseUrl: options.databaseUrl, redisUrl, dataDir: options.dataDir, port, metricsToken: options.metricsToken });
  const unexpectedExits: string[] = [];
  const restarts = new Map<string, number>();
  // Exits count and are restarted only while the soak runs: a failure while starting ends the soak,
  // and exits while stopping are asked for.
  let phase: 'starting' | 'running' | 'stopping' = 'starting';

  const onUnexpectedExit = (c: Child, code: number | null) => {
    if (phase !== 'running') return;
    unexpectedExits.push(`${c.name} exited with ${code}`);
    options.log(`!! ${c.name} exited by itself (code ${code}); last output:\n${c.output().split('\n').slice(-15).join('\n')}`);
    const n = (restarts.get(c.name) ?? 0) + 1;
    restarts.set(c.name, n);
    if (n <= RESTARTS_PER_PROCESS) void restart(c.name).catch((error: unknown) => options.log(`!! restarting ${c.name} failed: ${String(error)}`));
  };

  const apis: Child[] = [];
  const workers: Child[] = [];
  let redis = await startRedis(redisPort, options.dataDir, onUnexpectedExit);
  const startApi = (i: number) => startService(`api-${i + 1}`, 'api', env(apiPorts[i]), onUnexpectedExit);
  const startWorker = (i: number) => startService(`worker-${i + 1}`, 'worker', env(), onUnexpectedExit);

  async function restart(name: string) {
    const [kind, n] = name.split('-');
    const i = Number(n) - 1;
    if (kind === 'api') apis[i] = await startApi(i);
    else if (kind === 'worker') workers[i] = await startWorker(i);
    else redis = await startRedis(redisPort, options.dataDir, onUnexpectedExit);
  }

  // The first API process alone, so that only one process at a time looks at the schema.
  apis[0] = await startApi(0);
  [apis[1], workers[0], workers[1]] = await Promise.all([startApi(1), startWorker(0), startWorker(1)]);
  phase = 'running';

  return {
    apiUrls: apiPorts.map((port) => `http://127.0.0.1:${port}`),
    redisUrl,
    unexpectedExits,
    /** SIGKILL, and the process is started again after `downMs` (it is down meanwhile). */
    async kill(name: string, downMs: number) {
      const [kind, n] = name.split('-');
      const list = kind === 'api' ? apis : workers;
      await list[Number(n) - 1].kill('SIGKILL');
      await new Promise((r) => setTimeout(r, downMs));
      await restart(name);
    },
    /** Redis shuts down (saving its append-only file), stays away for `downMs`, and comes back. */
    async restartRedis(downMs: number) {
      await stopChild(redis, 10_000);
      await new Promise((r) => setTimeout(r, downMs));
      await restart('redis');
    },
    /** Everything down: the service processes gently (SIGTERM), then Redis. */
    async stop() {
      phase = 'stopping';
      await Promise.all([...apis, ...workers].filter(Boolean).map((c) => stopChild(c)));
      if (redis) await stopChild(redis);
    },
  };
}
export type Cluster = Awaited<ReturnType<typeof startCluster>>;
