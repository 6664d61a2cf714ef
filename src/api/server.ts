import { once } from 'node:events';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface WebServer {
  port: number;
  url: string;
  /** The listening server, for listeners that watch every request (the tests' OpenAPI check). */
  http: Server;
  /** Closes at once, connections in use included (tests). */
  close(): Promise<void>;
  /**
   * Stops accepting connections, lets the requests in flight finish within `graceMs` (each answered
   * with `Connection: close`), then closes every connection left; resolves with how many requests
   * were cut off.
   */
  shutdown(graceMs: number): Promise<{ cut: number }>;
}

/** Starts listening and resolves with the bound port (port 0 picks a free one, as tests do). */
export async function startWebServer(app: Express, port: number, host = '127.0.0.1'): Promise<WebServer> {
  const server = app.listen(port, host);
  await once(server, 'listening');
  server.keepAliveTimeout = 65_000;
  const bound = (server.address() as AddressInfo).port;
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  let idle: (() => void) | undefined;
  // Ahead of express, so every answer given while draining can still say the connection ends.
  server.prependListener('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      inFlight.delete(res);
      if (inFlight.size === 0) idle?.();
    });
  });
  const closed = () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));

  return {
    port: bound,
    url: `http://${host}:${bound}`,
    http: server,
    close() {
      const done = closed();
      server.closeAllConnections();
      return done;
    },
    async shutdown(graceMs) {
      draining = true;
      const done = closed().catch(() => undefined);
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      server.closeIdleConnections();
      if (inFlight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          idle = resolve;
          timer = setTimeout(resolve, graceMs);
        });
        clearTimeout(timer);
      }
      const cut = inFlight.size;
      server.closeAllConnections();
      await done;
      return { cut };
    },
  };
}
