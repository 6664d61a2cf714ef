import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * PGlite keeps its database in the memory of one process and writes it back to its folder; a
 * second process opening the same folder works on a copy that one of them will overwrite. So the
 * process that opens the folder writes `<folder>.lock` with its pid, and another process refuses
 * while that pid is alive. A lock left by a killed process names a pid that is gone (or, on Linux,
 * a process started at another time), so it is taken over, never blocking for good.
 */
export class EmbeddedDatabaseInUseError extends Error {
  override name = 'EmbeddedDatabaseInUseError';
}

interface Holder {
  pid: number;
  /** For the operator reading the file. */
  host: string;
  /** Start time of the process (Linux /proc), telling a reused pid from the holder. */
  started?: string;
}

export interface HeldFolder {
  release(): void;
}

export function holdEmbeddedDatabase(folder: string): HeldFolder {
  const lockPath = `${folder}.lock`;
  const me: Holder = { pid: process.pid, host: hostname(), started: startTimeOf(process.pid) };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      writeFileSync(lockPath, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      const release = () => {
        if (readHolder(lockPath)?.pid === me.pid) unlinkSync(lockPath);
      };
      process.once('exit', release);
      return {
        release() {
          process.off('exit', release);
          try {
            release();
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockPath);
      if (holder && isAlive(holder)) {
        throw new EmbeddedDatabaseInUseError(
          `The embedded database in ${folder} is in use by a running service (pid ${holder.pid}): stop the service first, or make the change through its API.`,
        );
      }
      try {
        unlinkSync(lockPath); // left by a process that is gone
      } catch {
        // another process took it over first; try again
      }
    }
  }
  throw new EmbeddedDatabaseInUseError(`Could not take the lock ${lockPath}; another process keeps taking it.`);
}

function readHolder(lockPath: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(lockPath, 'utf8')) as Holder;
    return Number.isInteger(holder.pid) ? holder : undefined;
  } catch {
    return undefined; // unreadable or half-written: treated as stale
  }
}

function isAlive(holder: Holder): boolean {
  const started = startTimeOf(holder.pid);
  // Linux: the holder is alive when a process with its pid started when it did (a container that
  // restarted gets the same small pid again, started later). The host name is not asked: a
  // container gets a new one on every start.
  if (holder.started && started) return holder.started === started;
  if (holder.pid === process.pid) return false; // elsewhere, our own pid again means a restart
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/PID/stat (start time in clock ticks since boot); undefined off Linux. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
