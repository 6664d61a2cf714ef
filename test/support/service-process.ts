import { spawn, type ChildProcess } from 'node:child_process';

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `src/main.ts` as `npm start` would (or through `npm start` itself, `launcher: 'npm'`, where
 * `child` is npm), and resolves once it prints its URL. Its rate-limit
 * counters live in the Redis every test shares, so the limits are set far above what a test sends.
 */
export function startServiceProcess(
  env: Record<string, string>, args: string[] = [], timeoutMs = 60_000, ready = /listening on (http:\/\/\S+)/, launcher: 'node' | 'npm' = 'node',
): Promise<ServiceProcess> {
  const command = launcher === 'npm' ? ['npm', ['start', '--silent', ...(args.length > 0 ? ['--', ...args] : [])]] as const : [process.execPath, ['--import', 'tsx', 'src/main.ts', ...args]] as const;
  const child = spawn(command[0], [...command[1]], {
    env: { ...process.env, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'warn', RATE_LIMIT_UNAUTHENTICATED: '100000', RATE_LIMIT_BOOKINGS: '100000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = () => {
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({
        url: match[1] ?? '',
        child,
        output: () => output,
        stop: async (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code} before starting:\n${output}`));
    });
  });
}
