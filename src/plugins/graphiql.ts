import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphiQLOptions } from 'graphql-yoga';
import { encodeGlobalId } from '../schema/node.ts';

/**
 * GraphiQL as the gateway serves it at `/graphql`: its assets bundled in the page (no CDN, so it
 * works offline), the examples of `docs/examples.md` (`documents/`) as its tabs, the first one (TwitterDev's
 * followers with their pinned tweets, paginated) open and ready to run.
 */

/** One example operation of `documents/`. */
export interface ExampleOperation {
  /** The file name in `documents/`. */
  readonly file: string;
  /** Its text. */
  readonly query: string;
  /** JSON variables to open it with. */
  readonly variables?: string;
  /** Whether it needs a user-context token in `Authorization`. */
  readonly needsUserToken?: boolean;
}

/**
 * The repository's `documents/`: beside the nearest `package.json` above this module, so it is found
 * both from `src/plugins/` (tsx, tests) and from the bundle `npm start` runs (`dist/server.js`).
 */
function findDocumentsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return join(dir, 'documents');
}

const DOCUMENTS_DIR = findDocumentsDir();

/** Reads one file of `documents/`. */
function readDocument(file: string): string {
  return readFileSync(join(DOCUMENTS_DIR, file), 'utf8');
}

/** TwitterDev's Relay global id (`User:2244994945`), the variable of the node example. */
const TWITTER_DEV_GLOBAL_ID = encodeGlobalId('User', '2244994945');

/** The examples of `docs/examples.md`, in the order of GraphiQL's tabs. */
export const EXAMPLE_OPERATIONS: readonly ExampleOperation[] = [
  {
    file: 'followers-with-pinned-tweets.graphql',
    query: readDocument('followers-with-pinned-tweets.graphql'),
  },
  { file: 'user-by-username.graphql', query: readDocument('user-by-username.graphql') },
  { file: 'users-by-rest-ids.graphql', query: readDocument('users-by-rest-ids.graphql') },
  {
    file: 'node-by-id.graphql',
    query: readDocument('node-by-id.graphql'),
    variables: JSON.stringify({ id: TWITTER_DEV_GLOBAL_ID }, null, 2),
  },
  { file: 'viewer.graphql', query: readDocument('viewer.graphql'), needsUserToken: true },
  { file: 'rate-limit.graphql', query: readDocument('rate-limit.graphql') },
];

/** Options of `graphiqlOptions`. */
export interface GatewayGraphiQLOptions {
  /** A user-context token to prefill in the viewer example's headers (only the embedded emulator's). */
  readonly exampleUserToken?: string;
}

/** The page title. */
export const GRAPHIQL_TITLE = 'X GraphQL Gateway';

/** Yoga's `graphiql` option: title, default query and one tab per example. */
export function graphiqlOptions(options: GatewayGraphiQLOptions = {}): GraphiQLOptions {
  const [first] = EXAMPLE_OPERATIONS;
  return {
    title: GRAPHIQL_TITLE,
    defaultQuery: first?.query,
    defaultTabs: EXAMPLE_OPERATIONS.map((example) => ({
      query: example.query,
      variables: example.variables ?? null,
      headers:
        example.needsUserToken && options.exampleUserToken
          ? JSON.stringify({ Authorization: `Bearer ${options.exampleUserToken}` }, null, 2)
          : null,
    })),
    defaultEditorToolsVisibility: true,
    shouldPersistHeaders: false,
  };
}

let lastRender: { key: string; html: string } | undefined;
let renderer: Promise<typeof import('@graphql-yoga/render-graphiql')> | undefined;

/**
 * Yoga's `renderGraphiQL` option: the page with every asset inlined. The bundle (several megabytes) is
 * loaded on the first GraphiQL request, not at start-up, and the last page is reused while the options
 * stay the same.
 */
export async function renderOfflineGraphiQL(options: GraphiQLOptions): Promise<string> {
  const key = JSON.stringify(options);
  if (lastRender?.key !== key) {
    renderer ??= import('@graphql-yoga/render-graphiql');
    lastRender = { key, html: (await renderer).renderGraphiQL(options) };
  }
  return lastRender.html;
}
