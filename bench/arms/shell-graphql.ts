/**
 * The GraphQL shell of `bench/shell-cost.ts`: graphql-js on `node:http` without a framework. It reads the
 * JSON body (`graphql-post.ts`), parses and validates each document once (kept by its text), executes it
 * over a schema of one field and answers the result. What executing a GraphQL request costs beyond `node:http`, for comparison
 * with what graphql-yoga's per-request machinery adds (`shell-yoga.ts`).
 */
import { buildSchema, type DocumentNode, execute, type GraphQLError, parse, validate } from 'graphql';
import { type GraphQLParams, graphqlPostListener } from './graphql-post.ts';
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

/** Executes one request's document, parsed and validated once. */
async function answer({ query, variables }: GraphQLParams): Promise<unknown> {
  const document = documentOf(query);
  return 'kind' in document ? execute({ schema, document, variableValues: variables }) : { errors: document };
}

await runChild(() => listenOnLoopback(graphqlPostListener(answer)));
