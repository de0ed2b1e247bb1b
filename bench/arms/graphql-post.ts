import type { IncomingMessage, RequestListener } from 'node:http';

/**
 * The HTTP side the shell arms of `bench/shell-cost.ts` share, so that they differ only in what they do
 * with a request: `node:http` reads a POST's JSON body, the arm answers its GraphQL parameters, and the
 * result goes out as one JSON write with its length. A body that is not JSON, or an answer that throws,
 * is a 400 without a body.
 */

/** A GraphQL request's parameters, as a POST's JSON body carries them. */
export interface GraphQLParams {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

/** What an arm does with one request: its result, serialised as JSON. */
export type AnswerParams = (params: GraphQLParams, req: IncomingMessage) => unknown;

/** A `node:http` listener answering every POST's JSON body with `answer`. */
export function graphqlPostListener(answer: AnswerParams): RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      let json: string;
      try {
        const params = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphQLParams;
        json = JSON.stringify(await answer(params, req));
      } catch {
        res.writeHead(400).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
      res.end(json);
    });
  };
}
