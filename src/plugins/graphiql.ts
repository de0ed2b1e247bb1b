import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphiQLOptions } from 'graphql-yoga';
import { encodeGlobalId } from '../schema/node.ts';
import { GRAPHIQL_ASSETS_PATH, type GraphiQLAssetManifest, type GraphiQLAssets } from './graphiql-assets.ts';

/**
 * GraphiQL as the gateway serves it at `/graphql`: a small page whose assets the gateway serves
 * itself (`graphiql-assets.ts`: no CDN, so it works offline), the examples of `docs/examples.md` (`documents/`) as its tabs, the first one (TwitterDev's
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

/** JSON for an inline script: `<` escaped, so no string of the options can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Text for HTML content: the characters HTML gives a meaning escaped. */
function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The GraphiQL page: a few kilobytes referring to the assets served under `GRAPHIQL_ASSETS_PATH` (on the
 * gateway's own origin, so it works offline), with the options inline.
 */
export function renderGraphiQLPage(options: GraphiQLOptions, assets: GraphiQLAssetManifest): string {
  const at = (file: string): string => `${GRAPHIQL_ASSETS_PATH}${file}`;
  const workers = Object.fromEntries(
    Object.entries(assets.workers).map(([label, file]) => [label, at(file)]),
  );
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${htmlText(options.title || 'Yoga GraphiQL')}</title>
    <link rel="icon" href="${htmlText(options.favicon || at(assets.favicon))}" />
    <link rel="stylesheet" href="${at(assets.css)}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script>
      const workers = ${scriptJson(workers)};
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (moduleId, label) => workers[label] };
    </script>
    <script src="${at(assets.js)}"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${scriptJson(options)});
    </script>
  </body>
</html>
`;
}

/**
 * Yoga's `renderGraphiQL` option: the page of {@link renderGraphiQLPage}, once `assets` are on disk (the
 * first call prepares them). The last page (a few kilobytes) is reused while the options stay the same.
 */
export function graphiqlRenderer(assets: GraphiQLAssets): (options: GraphiQLOptions) => Promise<string> {
  let last: { key: string; html: string } | undefined;
  return async (options) => {
    const key = JSON.stringify(options);
    if (last?.key !== key) last = { key, html: renderGraphiQLPage(options, await assets.manifest()) };
    return last.html;
  };
}
