import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { parseArgs } from 'node:util';
import { listeningUrl, spawnGateway } from '../fixtures/server-process.ts';
import { openSocket, type SlowPart, slowRequestStart } from '../fixtures/slow-client.ts';

/**
 * `npm run soak:connections`: 20,000 slow connections against the gateway run as `npm start` does, in
 * batches held open at once (each sends a request's start, then a byte a second until the server cuts it
 * off). Prints the gateway's resident memory before, at the peak and after the last connection closed, and
 * how each connection ended (the figure "before" is taken after a warm-up of 1,000 slow connections, as
 * `npm run soak` measures after its warm-up, and --settle-s seconds later, as the figure after); exits 1 when a connection outlived the request timeout by far, or when the
 * resident memory after is more than 20 MB above the memory before. Options: --connections, --batch,
 * --part (body or headers), --headers-timeout-ms, --request-timeout-ms, --max-connections,
 * --warm-up-connections, --settle-s (seconds of sampling after the last connection closed).
 */

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '4000' },
    part: { type: 'string', default: 'body' },
    'headers-timeout-ms': { type: 'string', default: '2000' },
    'request-timeout-ms': { type: 'string', default: '4000' },
    'max-connections': { type: 'string', default: '4096' },
    'warm-up-connections': { type: 'string', default: '1000' },
    'settle-s': { type: 'string', default: '30' },
  },
});

/** A positive integer option, or exit naming it. */
function integerOption(name: string, value: string | undefined): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) {
    console.error(`--${name} must be a positive integer; got ${String(value)}`);
    process.exit(2);
  }
  return parsed;
}

const connections = integerOption('connections', values.connections);
const batch = integerOption('batch', values.batch);
const headersTimeoutMs = integerOption('headers-timeout-ms', values['headers-timeout-ms']);
const requestTimeoutMs = integerOption('request-timeout-ms', values['request-timeout-ms']);
const maxConnections = integerOption('max-connections', values['max-connections']);
const warmUpConnections = integerOption('warm-up-connections', values['warm-up-connections']);
const settleS = integerOption('settle-s', values['settle-s']);
const part = values.part as SlowPart;
if (part !== 'body' && part !== 'headers') {
  console.error(`--part must be body or headers; got ${String(values.part)}`);
  process.exit(2);
}

/** The most time a slow connection may stay open: its timeout, the check interval, and slack for a busy machine. */
const CUT_OFF_LIMIT_MS = (part === 'body' ? requestTimeoutMs : headersTimeoutMs) + 5000;

/** Connections opened together, then a pause: fewer than Node's listen backlog (511). */
const OPEN_AT_ONCE = 250;
const OPEN_PAUSE_MS = 100;

/** How a slow connection ended. */
type Ending = '408' | 'closed without an answer' | 'refused' | 'outlived its timeout';

/** How long each connection that the server closed stayed open, in ms. */
const openFor: number[] = [];

/** The resident memory of a process in MB, from `/proc`. */
function rssMbOf(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return Math.round(kb / 1024);
}

/** Holds one slow connection open, a byte a second, until the server ends it (or the limit passes). */
async function slowConnection(port: number): Promise<Ending> {
  let socket: Socket;
  try {
    socket = await openSocket(port);
  } catch {
    return 'refused';
  }
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    received += chunk;
  });
  socket.on('error', () => {});
  socket.write(slowRequestStart(part));
  const startedAt = performance.now();
  return new Promise<Ending>((resolve) => {
    const timer = setInterval(() => {
      if (performance.now() - startedAt <= CUT_OFF_LIMIT_MS) {
        if (socket.writable) socket.write(part === 'headers' ? 'X' : 'a');
        return;
      }
      clearInterval(timer);
      socket.removeAllListeners('close');
      socket.destroy();
      resolve('outlived its timeout');
    }, 1000);
    socket.once('close', () => {
      clearInterval(timer);
      openFor.push(performance.now() - startedAt);
      resolve(received.startsWith('HTTP/1.1 408') ? '408' : 'closed without an answer');
    });
  });
}

/** The `q` quantile of the sorted `values`, in seconds. */
function quantileS(values: readonly number[], q: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  return ((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0) / 1000).toFixed(1);
}

/** The gateway's V8 heap in use and its external memory in MB, from `/metrics`. */
async function heapOf(graphqlUrl: string): Promise<string> {
  const text = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  const mb = (name: string): string => {
    const value = Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    return Number.isFinite(value) ? `${Math.round(value / 2 ** 20)} MB` : '?';
  };
  return `heap used ${mb('nodejs_heap_size_used_bytes')}, heap total ${mb('nodejs_heap_size_total_bytes')}, external ${mb('nodejs_external_memory_bytes')}`;
}

/** A few ordinary queries, so the gateway's code and caches are warm before the "before" figure. */
async function warmUp(graphqlUrl: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ user(username: "TwitterDev") { name followers(first: 5) { nodes { name } } } }',
      }),
    });
    await response.arrayBuffer();
  }
}

/** Resolves after `ms`. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const gateway = spawnGateway({
  LOG_LEVEL: 'info',
  EMULATOR_RATE_LIMIT: 'off',
  HEADERS_TIMEOUT_MS: String(headersTimeoutMs),
  REQUEST_TIMEOUT_MS: String(requestTimeoutMs),
  MAX_CONNECTIONS: String(maxConnections),
});
const pid = gateway.child.pid ?? 0;
try {
  const { graphql } = await listeningUrl(gateway);
  const port = Number(new URL(graphql).port);
  await warmUp(graphql);
  await sleep(2000);
  const rssIdleMb = rssMbOf(pid);
  // The slow path warmed up too (its code compiled, Node's pool of HTTP parsers filled), as the soak does.
  await Promise.all(Array.from({ length: warmUpConnections }, () => slowConnection(port)));
  openFor.length = 0;
  // Settled as the figure after is: V8 hands back heap pages some seconds after a burst ends.
  await sleep(settleS * 1000);
  const rssBeforeMb = rssMbOf(pid);
  const heapBefore = await heapOf(graphql);
  let rssPeakMb = rssBeforeMb;
  const sampler = setInterval(() => {
    rssPeakMb = Math.max(rssPeakMb, rssMbOf(pid));
  }, 250);
  const endings: Record<string, number> = {};
  const startedAt = performance.now();
  for (let opened = 0; opened < connections; opened += batch) {
    const size = Math.min(batch, connections - opened);
    const results = await Promise.all(
      Array.from({ length: size }, async (_, i) => {
        // A few hundred connects at a time: beyond the listen backlog, the kernel would hold connections
        // the client already counts as open but the server has not accepted yet.
        await sleep(Math.floor(i / OPEN_AT_ONCE) * OPEN_PAUSE_MS);
        return slowConnection(port);
      }),
    );
    for (const ending of results) endings[ending] = (endings[ending] ?? 0) + 1;
    console.log(`  batch of ${size}: ${JSON.stringify(endings)}; gateway rss ${rssMbOf(pid)} MB`);
  }
  const durationS = (performance.now() - startedAt) / 1000;
  clearInterval(sampler);
  await warmUp(graphql);
  // Memory handed back to the system settles over a few seconds (GC, then the allocator trims).
  const rssAfter: number[] = [];
  for (let i = 0; i < settleS; i++) {
    await sleep(1000);
    rssAfter.push(rssMbOf(pid));
  }
  const rssAfterMb = rssAfter[rssAfter.length - 1] ?? 0;
  const heapAfter = await heapOf(graphql);
  console.log(
    `soak:connections: ${connections} slow-${part} connections in batches of ${batch} ` +
      `(HEADERS_TIMEOUT_MS=${headersTimeoutMs}, REQUEST_TIMEOUT_MS=${requestTimeoutMs}, MAX_CONNECTIONS=${maxConnections})`,
  );
  console.log(`  duration        ${durationS.toFixed(1)} s`);
  console.log(`  endings         ${JSON.stringify(endings)}`);
  console.log(
    `  open for        median ${quantileS(openFor, 0.5)} s, p90 ${quantileS(openFor, 0.9)} s, ` +
      `max ${quantileS(openFor, 1)} s (limit ${CUT_OFF_LIMIT_MS / 1000} s)`,
  );
  console.log(
    `  gateway rss     idle at start ${rssIdleMb} MB, after ${warmUpConnections} warm-up connections (before) ${rssBeforeMb} MB`,
  );
  console.log(`  gateway rss     before ${rssBeforeMb} MB, peak ${rssPeakMb} MB, after ${rssAfterMb} MB`);
  console.log(`  gateway memory  before: ${heapBefore}; after: ${heapAfter}`);
  console.log(`  rss after, 1 s apart: ${rssAfter.join(' ')} MB`);
  const serverErrors = gateway.lines.filter((line) => line.level === 'error');
  if (serverErrors.length > 0)
    console.log(`  ! ${serverErrors.length} error lines: ${JSON.stringify(serverErrors[0])}`);
  if (
    (endings['outlived its timeout'] ?? 0) > 0 ||
    rssAfterMb - rssBeforeMb > 20 ||
    serverErrors.length > 0
  ) {
    console.log('soak:connections: FAILED');
    process.exitCode = 1;
  } else console.log('soak:connections: passed');
} finally {
  gateway.stop();
}
