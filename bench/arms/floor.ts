/**
 * The floor arm: the least any gateway can do. A hand-written REST proxy on `node:http` + undici that
 * fetches X's followers page with the workload's fields, `JSON.parse`s it, `JSON.stringify`s it back and
 * responds. No schema, no validation, no cache: what is left is the cost of the upstream call and JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent, request } from 'undici';
import { BENCH_APP_TOKEN, xFollowersQuery } from '../workload.ts';
import { listenOnLoopback, upstreamUrl } from './listen.ts';
import { runChild } from './protocol.ts';

/** `/followers/<id>?max_results=<n>`. */
const ROUTE = /^\/followers\/(\d{1,19})\?max_results=(\d{1,4})$/;

await runChild(async () => {
  const origin = upstreamUrl();
  const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const match = ROUTE.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    try {
      const upstream = await request(
        `${origin}/2/users/${match[1]}/followers?${xFollowersQuery(Number(match[2]))}`,
        { dispatcher, headers: { authorization: `Bearer ${BENCH_APP_TOKEN}` } },
      );
      const body = JSON.parse(await upstream.body.text()) as unknown;
      const json = JSON.stringify(body);
      res.writeHead(upstream.statusCode, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(json),
      });
      res.end(json);
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
    }
  };
  return listenOnLoopback(
    (req, res) => void handler(req, res),
    () => dispatcher.close(),
  );
});
