import { loadConfig } from '../../src/config.ts';
import { startGateway } from '../../src/server.ts';

/**
 * The memory check of `npm run hostile`: a listening gateway (in this process, over its embedded
 * emulator) is sent many requests, each carrying a distinct variable the operation does not declare,
 * padded so that the body is just under `MAX_REQUEST_BODY_BYTES`. A gateway that keeps anything keyed by
 * raw variables (a cache, a log, a metric label) grows by about one body per request; one that does not
 * ends where it started. Resident memory and heap are measured after forced garbage collections.
 */

/** Options of one run. */
export interface VariablesMemoryOptions {
  /** Requests sent after the first measurement. @default 1000 */
  readonly requests?: number;
  /** Requests in flight at once. @default 4 */
  readonly concurrency?: number;
  /** Requests of the same kind sent before the first measurement. @default 50 */
  readonly warmUp?: number;
  /** The gateway's body bound; each body is this minus 512 bytes. @default the configured default */
  readonly maxRequestBodyBytes?: number;
}

/** What a run measured. */
export interface VariablesMemoryReport {
  readonly requests: number;
  readonly bodyBytes: number;
  /** Answers by HTTP status, and answers with errors. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly answersWithErrors: number;
  readonly rssBeforeMb: number;
  readonly rssAfterMb: number;
  readonly heapBeforeMb: number;
  readonly heapAfterMb: number;
  /** Memory outside the JS heap (Buffers, ArrayBuffers), before and after. */
  readonly externalBeforeMb: number;
  readonly externalAfterMb: number;
  readonly durationMs: number;
}

/** The operation sent: one user, which the response cache answers after the first call. */
const QUERY = 'query User($id: ID!) { user(restId: $id) { name } }';

/** Runs the check and reports; it throws only when the gateway cannot start. */
export async function runVariablesMemory(
  options: VariablesMemoryOptions = {},
): Promise<VariablesMemoryReport> {
  const { requests = 1000, concurrency = 4, warmUp = 50 } = options;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    EMULATOR_RATE_LIMIT: 'off',
    ...(options.maxRequestBodyBytes ? { MAX_REQUEST_BODY_BYTES: String(options.maxRequestBodyBytes) } : {}),
  });
  const gateway = await startGateway(config);
  const bodyBytes = config.maxRequestBodyBytes - 512;
  const statuses: Record<string, number> = {};
  let answersWithErrors = 0;
  const send = async (index: number): Promise<void> => {
    const body = bodyOf(index, bodyBytes);
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const answer = (await response.json()) as { errors?: unknown[] };
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (answer.errors?.length) answersWithErrors++;
  };
  try {
    await inParallel(warmUp, concurrency, (index) => send(-1 - index));
    const before = await memory();
    for (const key of Object.keys(statuses)) delete statuses[key];
    answersWithErrors = 0;
    const started = Date.now();
    await inParallel(requests, concurrency, send);
    const durationMs = Date.now() - started;
    const after = await memory();
    return {
      requests,
      bodyBytes,
      statuses,
      answersWithErrors,
      rssBeforeMb: before.rss,
      rssAfterMb: after.rss,
      heapBeforeMb: before.heap,
      heapAfterMb: after.heap,
      externalBeforeMb: before.external,
      externalAfterMb: after.external,
      durationMs,
    };
  } finally {
    await gateway.close();
  }
}

/** A request body of exactly `bytes` bytes whose variable `unused<index>` no operation declares. */
export function bodyOf(index: number, bytes: number): string {
  const shell = (pad: string) =>
    JSON.stringify({ query: QUERY, variables: { id: '2244994945', [`unused${index}`]: pad } });
  const empty = shell('').length;
  const prefix = `${index}:`;
  return shell(prefix + 'x'.repeat(Math.max(0, bytes - empty - prefix.length)));
}

/** Runs `count` tasks, at most `concurrency` at once. */
async function inParallel(count: number, concurrency: number, task: (index: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** Resident set size, heap and external memory in MB, after garbage collections when `--expose-gc` is on. */
async function memory(): Promise<{ rss: number; heap: number; external: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let round = 0; round < 3; round++) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const usage = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 1_048_576);
  return { rss: mb(usage.rss), heap: mb(usage.heapUsed), external: mb(usage.external) };
}
