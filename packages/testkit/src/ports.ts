import { once } from 'node:events';
import { createServer } from 'node:net';

/**
 * A port nobody listens on right now: the OS picks it, then it is released (for a service to take,
 * or to stay closed). Another process could take it in between; a service started on it then fails
 * to listen and exits, which `startServiceProcess` reports.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}
