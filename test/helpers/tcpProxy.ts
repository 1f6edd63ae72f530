/**
 * A TCP proxy on loopback that a test can cut and restore, to model a network partition or a
 * database failover: cutting resets every open connection and refuses new ones; restoring accepts
 * again on the same port. The server behind it keeps running (and keeps its data).
 */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Resets every connection through the proxy and refuses new ones until `restore()`. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1:`port` (0 picks one) forwarding to 127.0.0.1:`targetPort`. */
export async function startTcpProxy(options: {
  port?: number;
  targetPort: number;
}): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(options.targetPort, '127.0.0.1');
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
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      for (const socket of open) socket.resetAndDestroy();
      if (server.listening) server.close(() => resolve());
      else resolve();
    });
  await listen(options.port ?? 0);
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    cut: stopListening,
    restore: () => listen(port),
    close: stopListening,
  };
}
