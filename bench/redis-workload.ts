/**
 * The scripted two-instance workload of the Redis issue: 1,000 followers queries over 50 distinct pages,
 * spread over two gateway instances in separate processes (20 in flight at a time), once without Redis
 * and once with one shared redis-server. Prints the upstream calls the emulator received in each run.
 * Run: `npx tsx bench/redis-workload.ts` (needs the Debian package redis-server). Settings:
 * `WORKLOAD_QUERIES` (1000), `WORKLOAD_PAGES` (50), `WORKLOAD_CONCURRENCY` (20),
 * `WORKLOAD_REDIS_TIMEOUT_MS` (200, the gateway's default Redis command time limit).
 */
import { startEmulator } from '../src/emulator/start-emulator.ts';
import { type GatewayInstance, startGatewayInstance } from '../test/fixtures/redis-gateways.ts';
import { startTestRedis } from '../test/fixtures/redis-server.ts';

const QUERIES = Number(process.env.WORKLOAD_QUERIES ?? 1000);
const PAGES = Number(process.env.WORKLOAD_PAGES ?? 50);
const CONCURRENCY = Number(process.env.WORKLOAD_CONCURRENCY ?? 20);
const TIMEOUT_MS = Number(process.env.WORKLOAD_REDIS_TIMEOUT_MS ?? 200);

/** What one run measured. */
interface RunResult {
  readonly arm: string;
  readonly upstreamCalls: number;
  readonly answered: number;
  readonly failed: number;
  readonly seconds: number;
  /** Redis outage warnings logged by the instances. */
  readonly redisOutages: number;
  readonly metrics: string[];
}

/** Runs the workload over two fresh instances and a fresh emulator, with Redis or without. */
async function run(withRedis: boolean): Promise<RunResult> {
  const redis = withRedis ? await startTestRedis() : undefined;
  const emulator = await startEmulator({ port: 0, rateLimit: 'off' });
  const instances = await Promise.all(
    [0, 1].map(() =>
      startGatewayInstance({ emulatorUrl: emulator.url, redisUrl: redis?.url, commandTimeoutMs: TIMEOUT_MS }),
    ),
  );
  try {
    const users: string[] = [];
    for (let index = 0; users.length < PAGES; index++) {
      const user = emulator.store.userAt(index);
      if (!user.protected && !user.suspended && emulator.store.followers(user.id).length > 0)
        users.push(user.id);
    }
    // Every page equally often, in a fixed shuffled order, so both runs send the same queries.
    const random = mulberry32(12345);
    const pages = Array.from({ length: QUERIES }, (_, i) => i % PAGES);
    for (let i = pages.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pages[i], pages[j]] = [pages[j] as number, pages[i] as number];
    }
    const order = pages.map((page, i) => ({
      user: users[page] as string,
      instance: instances[i % 2] as GatewayInstance,
    }));
    const started = performance.now();
    let next = 0;
    let answered = 0;
    let failed = 0;
    const worker = async () => {
      while (next < order.length) {
        const { user, instance } = order[next++] as (typeof order)[number];
        const result = await instance.query(
          `{ user(restId: "${user}") { followers(first: 20) { nodes { restId } } } }`,
        );
        if (result.errors || !result.data?.user) failed++;
        else answered++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return {
      arm: withRedis ? 'two instances, shared Redis' : 'two instances, no Redis',
      upstreamCalls: emulator.requests.length,
      answered,
      failed,
      seconds: (performance.now() - started) / 1000,
      redisOutages: instances
        .flatMap((i) => i.logs)
        .filter((l) => String(l.msg).startsWith('Redis unavailable')).length,
      metrics: await Promise.all(instances.map((i) => i.metrics())),
    };
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
    await emulator.close();
    await redis?.stop();
  }
}

/** A small seeded PRNG in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const results = [await run(false), await run(true)];
if (process.env.WORKLOAD_METRICS) for (const r of results) process.stderr.write(r.metrics.join('\n'));
process.stdout.write(
  `${QUERIES} queries over ${PAGES} distinct pages, 2 instances, ${CONCURRENCY} in flight\n\n` +
    '| arm | upstream calls | answered | failed | Redis outages | seconds |\n| --- | ---: | ---: | ---: | ---: | ---: |\n' +
    results
      .map(
        (r) =>
          `| ${r.arm} | ${r.upstreamCalls} | ${r.answered} | ${r.failed} | ${r.redisOutages} | ${r.seconds.toFixed(1)} |`,
      )
      .join('\n') +
    '\n',
);
