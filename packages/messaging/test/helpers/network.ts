import net from 'node:net';
import { freePort } from '@zone-risk/testkit';
import type { ISocketFactory } from 'kafkajs';

export interface CuttableNetwork {
  /** Give this to `createKafka({ socketFactory })`. */
  socketFactory: ISocketFactory;
  /** Destroys every open connection and makes new ones fail with ECONNREFUSED. */
  cut(): void;
  restore(): void;
  readonly isCut: boolean;
  /** Connections refused while cut: proves the client really tried. */
  readonly refused: number;
}

/**
 * Client-side network failure for one kafkajs client, leaving the shared broker up for the other
 * test files. Nothing is simulated: open sockets are really destroyed, and while cut new ones
 * really connect to a closed local port, so the kernel refuses them.
 */
export async function cuttableNetwork(): Promise<CuttableNetwork> {
  const closedPort = await freePort();
  const open = new Set<net.Socket>();
  let isCut = false;
  let refused = 0;

  const socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    if (isCut) {
      refused++;
      return net.connect({ host: '127.0.0.1', port: closedPort }, onConnect);
    }
    const socket = net.connect({ host, port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    return socket;
  };

  return {
    socketFactory,
    cut() {
      isCut = true;
      for (const socket of open) socket.destroy(new Error('network cut by the test'));
    },
    restore() {
      isCut = false;
    },
    get isCut() {
      return isCut;
    },
    get refused() {
      return refused;
    },
  };
}
