/**
 * The bench's replay upstream: the emulator's answers, memoised, served as fast as `node:http` can. The
 * first request for a path and query is forwarded to an emulator in this process (with the app token,
 * whatever token the request carried: every client token is welcome here) and its status, headers and
 * body bytes are kept; every later request for the same path and query is answered from memory, with
 * fresh rate-limit headers (the emulator's nominal limit with rate limiting off, a full window reset 15
 * minutes from now) so that no arm ever waits on X's budget. What the arms are measured against is then their own work, not the emulator building pages.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OFF_NOMINAL_LIMIT } from '../../src/emulator/http/rate-limiter.ts';
import { startEmulator } from '../../src/emulator/start-emulator.ts';
import { BENCH_APP_TOKEN } from '../workload.ts';
import { listenOnLoopback } from './listen.ts';
import { runChild } from './protocol.ts';

/** One memoised answer. */
interface Recorded {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** The announced window, in seconds: X's 15 minutes, never spent. */
const WINDOW_S = 15 * 60;

const NOMINAL_LIMIT = String(OFF_NOMINAL_LIMIT);

/** The most distinct answers kept (the bench asks for a handful of pages). */
const MAX_RECORDED = 256;

await runChild(async () => {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', rateLimit: 'off' });
  const recorded = new Map<string, Promise<Recorded>>();
  const record = async (url: string): Promise<Recorded> => {
    const answer = await fetch(`${emulator.url}${url}`, {
      headers: { authorization: `Bearer ${BENCH_APP_TOKEN}` },
    });
    const headers: Record<string, string> = {};
    const type = answer.headers.get('content-type');
    if (type) headers['content-type'] = type;
    return { status: answer.status, headers, body: Buffer.from(await answer.arrayBuffer()) };
  };
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    let answer = recorded.get(url);
    if (!answer) {
      if (recorded.size >= MAX_RECORDED) recorded.clear();
      answer = record(url);
      recorded.set(url, answer);
    }
    try {
      const { status, headers, body } = await answer;
      res.writeHead(status, {
        ...headers,
        'content-length': body.length,
        'x-rate-limit-limit': NOMINAL_LIMIT,
        'x-rate-limit-remaining': NOMINAL_LIMIT,
        'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + WINDOW_S),
      });
      res.end(body);
    } catch (error) {
      recorded.delete(url);
      res.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
    }
  };
  // Drain the request body (X's followers endpoint is a GET: there is none) before answering.
  const served = await listenOnLoopback((req, res) => {
    req.resume();
    void handler(req, res);
  });
  return {
    url: served.url,
    close: async () => {
      await served.close();
      await emulator.close();
    },
  };
});
