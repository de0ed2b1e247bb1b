/**
 * The GraphQL shell of `bench/shell-cost.ts`: graphql-js on `node:http` without a framework. It reads the
 * JSON body, parses and validates each document once (kept by its text), executes it over a schema of one
 * field and answers the result. What executing a GraphQL request costs beyond `node:http`, for comparison
 * with what graphql-yoga's per-request machinery adds (`shell-yoga.ts`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildSchema, type DocumentNode, execute, type GraphQLError, parse, validate } from 'graphql';
import { listenOnLoopback } from './listen.ts';
import { runChild } from './protocol.ts';

const schema = buildSchema('type Query { hello: String }');

/** Documents already parsed and validated, by their text (the bench sends one). */
const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();

/** The parsed document of `query`, or its errors. */
function documentOf(query: string): DocumentNode | readonly GraphQLError[] {
  let known = documents.get(query);
  if (known === undefined) {
    try {
      const document = parse(query);
      const errors = validate(schema, document);
      known = errors.length > 0 ? errors : document;
    } catch (error) {
      known = [error as GraphQLError];
    }
    if (documents.size < 100) documents.set(query, known);
  }
  return known;
}

/** Answers one GraphQL request (POST, JSON body). */
async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let json: string;
  try {
    const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      query: string;
      variables?: Record<string, unknown>;
    };
    const document = documentOf(query);
    const result =
      'kind' in document
        ? await execute({ schema, document, variableValues: variables })
        : { errors: document };
    json = JSON.stringify(result);
  } catch {
    res.writeHead(400).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

await runChild(() => listenOnLoopback((req, res) => void answer(req, res)));
