import { type EmulatorHandle, startEmulator } from '../../src/emulator/start-emulator.ts';
import { createXClient } from '../../src/rest/client.ts';
import { createGatewayYoga } from '../../src/yoga.ts';
import { FAULT_KINDS, nextRequest, pick, prng } from './soak-queries.ts';

/**
 * The soak: many queries at a fixed concurrency through the gateway over the emulator, with faults of
 * every kind injected into a share of them, checking that every answer is a well-formed GraphQL response
 * and measuring resident memory after warm-up and at the end. Time passes faster for the gateway (its
 * clock jumps a rate-limit window every few hundred queries) so budgets spent by injected 429s come back.
 */

/** Options of one soak run. */
export interface SoakOptions {
  readonly queries: number;
  readonly concurrency: number;
  /** Share of queries preceded by one injected fault. @default 0.05 */
  readonly faultRate?: number;
  /** @default 1 */
  readonly seed?: number;
  /** Share of the queries that warm up before the first memory reading. @default 0.2 */
  readonly warmUp?: number;
}

/** What a soak run saw. */
export interface SoakReport {
  readonly queries: number;
  readonly concurrency: number;
  readonly seed: number;
  readonly faultsInjected: Readonly<Record<string, number>>;
  /** Faults the emulator applied to a request (the others were still pending at the end). */
  readonly faultsApplied: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly errorCodes: Readonly<Record<string, number>>;
  /** Answers that were not well-formed GraphQL responses, with a sample of each. */
  readonly malformed: readonly string[];
  /** Requests that threw instead of answering, and unhandled rejections. */
  readonly crashes: readonly string[];
  readonly rssWarmMb: number;
  readonly rssEndMb: number;
  readonly heapWarmMb: number;
  readonly heapEndMb: number;
  /** Resident memory after each tenth of the queries, in MB. */
  readonly rssSamplesMb: readonly number[];
  readonly durationMs: number;
}

/** Runs a soak and reports; it never throws for a bad answer (the report says). */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const { queries, concurrency, faultRate = 0.05, seed = 1, warmUp = 0.2 } = options;
  const random = prng(seed);
  const emulator = await startEmulator({ port: 0, rateLimit: 'off' });
  let clockOffsetMs = 0;
  const client = createXClient({
    baseUrl: emulator.url,
    bearerToken: 'emulator-app-token',
    timeoutMs: 3_000,
    maxRetries: 1,
    cacheTtlSeconds: 30,
    now: () => Date.now() + clockOffsetMs,
    sleep: async () => {},
  });
  const yoga = createGatewayYoga({ client, logging: false });
  const ids = worldIds(emulator);
  const tokens = ids.slice(0, 8).map((id) => emulator.issueUserToken(id));
  const crashes: string[] = [];
  const onRejection = (reason: unknown) => crashes.push(`unhandled rejection: ${String(reason)}`);
  process.on('unhandledRejection', onRejection);
  const faultsInjected: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  const errorCodes: Record<string, number> = {};
  const malformed: string[] = [];
  let injected = 0;
  let next = 0;
  let warm: { rss: number; heap: number } | undefined;
  const rssSamplesMb: number[] = [];
  const tenth = Math.max(1, Math.floor(queries / 10));
  const started = Date.now();

  const one = async (index: number) => {
    if (index % 200 === 199) clockOffsetMs += 16 * 60_000;
    if (random() < faultRate) {
      const fault = pick(random, FAULT_KINDS);
      emulator.faults.inject({ ...fault, times: 1 });
      const name = fault.kind === 'status' ? `status ${fault.status}` : fault.kind;
      faultsInjected[name] = (faultsInjected[name] ?? 0) + 1;
      injected++;
    }
    const request = nextRequest(random, ids);
    const token = random() < 0.3 ? pick(random, tokens) : undefined;
    try {
      const response = await yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(request),
      });
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      const problem = problemOf(response.status, await response.text(), errorCodes);
      if (problem && malformed.length < 20) malformed.push(problem);
      else if (problem) malformed.push('(more)');
    } catch (error) {
      crashes.push(`request ${index} threw: ${String(error)}`);
    }
  };

  const worker = async () => {
    while (next < queries) {
      const index = next++;
      if (index === Math.floor(queries * warmUp)) warm = memory();
      if (index % tenth === tenth - 1) rssSamplesMb.push(memory().rss);
      await one(index);
      if (index % 1000 === 999) emulator.clearRequests();
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    process.off('unhandledRejection', onRejection);
  }
  const end = memory();
  const pending = emulator.faults.pending.length;
  emulator.faults.clear();
  await client.close();
  await emulator.close();
  const start = warm ?? end;
  return {
    queries,
    concurrency,
    seed,
    faultsInjected,
    faultsApplied: injected - pending,
    statuses,
    errorCodes,
    malformed,
    crashes,
    rssWarmMb: start.rss,
    rssEndMb: end.rss,
    heapWarmMb: start.heap,
    heapEndMb: end.heap,
    rssSamplesMb,
    durationMs: Date.now() - started,
  };
}

/** Some user ids of the emulator's world: TwitterDev's followers and followings. */
function worldIds(emulator: EmulatorHandle): string[] {
  const ids = new Set<string>(['2244994945', '783214']);
  for (const list of [emulator.store.followers('2244994945'), emulator.store.following('2244994945')]) {
    for (let index = 0; index < Math.min(60, list.length); index++) ids.add(list.idAt(index));
  }
  return [...ids];
}

/** Resident set size and heap in MB, after a garbage collection when `--expose-gc` is on. */
function memory(): { rss: number; heap: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { rss: Math.round(usage.rss / 1_048_576), heap: Math.round(usage.heapUsed / 1_048_576) };
}

/** Why an answer is not a well-formed GraphQL response, or undefined; counts its error codes. */
function problemOf(status: number, text: string, codes: Record<string, number>): string | undefined {
  if (status >= 500) return `status ${status}: ${text.slice(0, 200)}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return `not JSON (${status}): ${text.slice(0, 200)}`;
  }
  if (!('data' in body) && !('errors' in body)) return `neither data nor errors: ${text.slice(0, 200)}`;
  if (Object.keys(body).some((key) => !['data', 'errors', 'extensions'].includes(key)))
    return `unknown keys: ${text.slice(0, 200)}`;
  if (!(body.extensions as { cost?: unknown } | undefined)?.cost)
    return `no extensions.cost: ${text.slice(0, 200)}`;
  for (const error of (body.errors ?? []) as { message?: unknown; extensions?: { code?: string } }[]) {
    const code = error.extensions?.code ?? '(none)';
    codes[code] = (codes[code] ?? 0) + 1;
    if (typeof error.message !== 'string') return `error without message: ${text.slice(0, 200)}`;
    if (code === 'INTERNAL_SERVER_ERROR') return `unexpected error: ${text.slice(0, 300)}`;
  }
  return undefined;
}
