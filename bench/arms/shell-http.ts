/**
 * The bare HTTP shell of `bench/shell-cost.ts`: `node:http` reads a GraphQL request's JSON body, parses
 * it and answers `{"data":{"__typename":"Query"}}`. What any Node.js GraphQL server pays per request before
 * its framework: the HTTP parser, the socket writes, one small `JSON.parse` and `JSON.stringify`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback } from './listen.ts';
import { runChild } from './protocol.ts';

/** Answers every request as a GraphQL server answers `{ __typename }`. */
function answer(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let operation: unknown;
    try {
      operation = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400).end();
      return;
    }
    const json = JSON.stringify({ data: { __typename: typeof operation === 'object' ? 'Query' : null } });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  });
}

await runChild(() => listenOnLoopback(answer));
