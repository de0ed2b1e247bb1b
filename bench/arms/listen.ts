import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServedArm } from './protocol.ts';

/**
 * Serves `handler` on a free loopback port with keep-alive, as every arm does, so that the arms differ
 * only in what they do per request.
 */
export async function listenOnLoopback(
  handler: RequestListener,
  onClose: () => Promise<void> = async () => {},
): Promise<ServedArm> {
  const server = createServer({ keepAliveTimeout: 30_000 }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await onClose();
    },
  };
}

/** The upstream (emulator) URL a child was given in `BENCH_UPSTREAM_URL`. */
export function upstreamUrl(): string {
  const url = process.env.BENCH_UPSTREAM_URL;
  if (!url) throw new Error('BENCH_UPSTREAM_URL is not set: arms are started by `npm run bench`.');
  return url;
}
