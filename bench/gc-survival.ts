/**
 * `npx tsx bench/gc-survival.ts`: how much of each request outlives it in V8's young generation, per kind
 * of query, in process (`yoga.fetch` over the bench's replay upstream, a fresh client token per request,
 * cache off, Node flags of `npm start`). See `bench/survival.ts` for what the columns mean: the first two
 * with the request alone (a query whose objects die with its request shows a few hundred bytes in both),
 * the last two as under load, with what the request made before its upstream call made old while the call
 * is in flight. `GC_SIZE` sets the followers per page (default 100), `GC_RUNS` the measured requests per
 * query (default 300).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { createXClient } from '../src/rest/client.ts';
import { createGatewayYoga } from '../src/yoga.ts';
import { startChild, startFlags } from './children.ts';
import { measureKeptAfterWait, measureSurvival, waitingDispatcher } from './survival.ts';
import { BENCH_APP_TOKEN, BENCH_USER_ID, GATEWAY_QUERY } from './workload.ts';

/** The queries measured, by name. */
const PROBES: readonly (readonly [string, string])[] = [
  ['no upstream call (`__typename`)', '{ __typename }'],
  ['one user by id', 'query ($id: ID!) { user(restId: $id) { restId name } }'],
  [
    'followers, page info only',
    'query ($id: ID!, $first: Int!) { user(restId: $id) { followers(first: $first) { pageInfo { hasNextPage } } } }',
  ],
  ["followers, the bench's query", GATEWAY_QUERY],
];

/** True for an answer without errors other than deleted pinned tweets (the bench's data has some). */
function answered(text: string): boolean {
  const { errors = [] } = JSON.parse(text) as { errors?: { path?: unknown[] }[] };
  return errors.every((error) => error.path?.at(-1) === 'pinnedTweet');
}

if (process.env.GC_SURVIVAL_CHILD !== '1') {
  // Measured under npm start's Node flags (the young generation's size decides what survives).
  const result = spawnSync(
    process.execPath,
    [...startFlags(), '--import', 'tsx', fileURLToPath(import.meta.url)],
    { stdio: 'inherit', env: { ...process.env, GC_SURVIVAL_CHILD: '1' } },
  );
  process.exit(result.status ?? 1);
}

const size = Number(process.env.GC_SIZE ?? 100);
const runs = Number(process.env.GC_RUNS ?? 300);
const upstream = await startChild('replay', { entry: 'replay.ts' });
// Its upstream calls are the waits of `measureKeptAfterWait`.
const agent = new Agent();
const waiting = waitingDispatcher(agent);
const client = createXClient({
  baseUrl: upstream.url,
  bearerToken: BENCH_APP_TOKEN,
  cacheTtlSeconds: 0,
  dispatcher: waiting.dispatcher,
});
const yoga = createGatewayYoga({ client, logging: false });
let tokens = 0;

/** Posts one query with a fresh token and checks its answer. */
async function ask(name: string, body: string): Promise<void> {
  tokens += 1;
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer gc-survival-${tokens}`,
    },
    body,
  });
  // Read as bytes (the server writes a large answer as bytes; a `Response` read as text keeps its text)
  // and checked in a continuation: this function, old once it waited, never resumes with the text.
  await response.arrayBuffer().then((bytes) => {
    const text = Buffer.from(bytes).toString('utf8');
    if (response.status !== 200 || !answered(text)) {
      throw new Error(`${name}: ${response.status} ${text.slice(0, 300)}`);
    }
  });
}

try {
  process.stdout.write(`${size} followers per page, median of ${runs} requests\n\n`);
  process.stdout.write(
    '| query | survived KB | promoted KB | made before the wait KB | kept after it KB |\n' +
      '| --- | ---: | ---: | ---: | ---: |\n',
  );
  for (const [name, query] of PROBES) {
    const body = JSON.stringify({ query, variables: { id: BENCH_USER_ID, first: size } });
    const survival = await measureSurvival(() => ask(name, body), { runs });
    const kept = await measureKeptAfterWait((wait) => waiting.during(wait, () => ask(name, body)), { runs });
    const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
    process.stdout.write(
      `| ${name} | ${kb(survival.survivedBytes)} | ${kb(survival.promotedBytes)} | ` +
        `${kb(kept.madeBeforeBytes)} | ${kb(kept.keptBytes)} |\n`,
    );
  }
} finally {
  await client.close();
  await agent.close();
  await upstream.close();
}
