/**
 * A round-robin TCP splitter on loopback, as a load balancer in front of several Upstream processes:
 * each new connection goes to the next target. Browsers (and the load driver) keep connections
 * alive, so requests spread by connection, as with a layer-4 balancer.
 */
import net from 'node:net';

export interface Splitter {
  port: number;
  /** Which ports new connections go to, in turn; open connections are closed, so clients reconnect. */
  setTargets(ports: number[]): void;
  close(): Promise<void>;
}

/** Starts a splitter on 127.0.0.1:`port` (0 picks one). */
export async function startSplitter(port: number, targets: number[]): Promise<Splitter> {
  let ports = [...targets];
  let next = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const target = ports[next++ % ports.length]!;
    const upstream = net.connect(target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    setTargets(targetPorts: number[]) {
      ports = [...targetPorts];
      for (const socket of open) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
