import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface WebServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Starts listening and resolves with the bound port (port 0 picks a free one, as tests do). */
export async function startWebServer(app: Express, port: number, host = '127.0.0.1'): Promise<WebServer> {
  const server = app.listen(port, host);
  await once(server, 'listening');
  server.keepAliveTimeout = 65_000;
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    url: `http://${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
