/**
 * `npx tsx bench/memory-profile.ts`: where the gateway arm's resident memory goes. Starts the replay
 * upstream and the bench's gateway arm (the `npm start` bundle and Node flags, cache off), with a small
 * sampler preloaded into the gateway's process (`NODE_OPTIONS=--import`) that reads
 * `process.memoryUsage()` and `v8.getHeapSpaceStatistics()` every 25 ms and keeps the sample of the highest
 * RSS. Prints that composition (RSS, V8 heap used and committed per space, external, array buffers, and
 * the rest: code, stacks, the allocator's own) at idle, after one GraphiQL view, at the peak under
 * `--concurrency` clients (default 64) asking for `--size` followers (default 1000) for `--seconds`
 * (default 5) with a fresh token per request (`--tokens distinct`, the default) or none (`shared`), and once the load is over; with the requests per second and CPU
 * milliseconds per request of the load. The gateway's settings and Node flags are the bench's (edit
 * `scripts/node-flags.json` to try others; `BENCH_*` variables are not read).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { startChild } from './children.ts';
import { viewGraphiql } from './graphiql-view.ts';
import { runLoad } from './load.ts';
import { armRequest } from './workload.ts';

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '64' },
    size: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '5' },
    tokens: { type: 'string', default: 'distinct' },
  },
});
const concurrency = Number(values.concurrency);
const size = Number(values.size);
const seconds = Number(values.seconds);
const distinctTokens = values.tokens !== 'shared';

/** One sample of the sampler: bytes. */
interface Sample {
  readonly rss: number;
  /** Resident pages of files (Linux; 0 elsewhere). */
  readonly file: number;
  readonly heapTotal: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
  readonly spaces: Record<string, { readonly used: number; readonly committed: number }>;
}

/** The sampler, plain JavaScript so that no TypeScript loader sits in the measured process. */
const SAMPLER = `
import { readFileSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';
const out = process.env.MEMORY_PROFILE_OUT;
const sample = () => {
  const m = process.memoryUsage();
  const spaces = {};
  for (const s of v8.getHeapSpaceStatistics())
    spaces[s.space_name] = { used: s.space_used_size, committed: s.physical_space_size };
  // Linux: the resident pages of files (the node binary, libraries) apart from anonymous memory.
  let file = 0;
  try {
    file = Number(/^RssFile:\\s+(\\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
  } catch {}
  return { rss: m.rss, file, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, spaces };
};
writeFileSync(out + '.pid', String(process.pid));
let peak = sample();
const timer = setInterval(() => {
  const rss = process.memoryUsage.rss();
  if (rss > peak.rss) peak = sample();
}, 25);
timer.unref();
process.on('SIGUSR2', () => {
  writeFileSync(out, JSON.stringify({ now: sample(), peak }));
  peak = sample();
});
`;

const dir = mkdtempSync(join(tmpdir(), 'memory-profile-'));
const samplerFile = join(dir, 'sampler.mjs');
const outFile = join(dir, 'sample.json');
writeFileSync(samplerFile, SAMPLER);

const upstream = await startChild('replay', { entry: 'replay.ts' });
const gateway = await startChild('gateway', {
  entry: 'gateway.ts',
  env: {
    BENCH_CACHE_TTL_SECONDS: '0',
    BENCH_UPSTREAM_URL: upstream.url,
    MEMORY_PROFILE_OUT: outFile,
    NODE_OPTIONS: `--import=${samplerFile}`,
  },
});
const pid = Number(readFileSync(`${outFile}.pid`, 'utf8'));

/** Asks the sampler for the current sample and the peak since the previous ask. */
async function read(): Promise<{ now: Sample; peak: Sample }> {
  writeFileSync(outFile, '');
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 100; i++) {
    await sleep(20);
    const text = readFileSync(outFile, 'utf8');
    if (text) return JSON.parse(text) as { now: Sample; peak: Sample };
  }
  throw new Error('the sampler did not answer');
}

const rows: [string, Sample][] = [];
try {
  await sleep(1000);
  rows.push(['idle', (await read()).now]);
  await viewGraphiql(`${gateway.url}/graphql`);
  await sleep(1000);
  rows.push(['after 1 GraphiQL view', (await read()).now]);
  const request = armRequest('gateway', size);
  // A short warm-up, as the bench does, so that the peak is the load's rather than compilation's.
  await runLoad({ url: gateway.url, request, concurrency: 1, durationMs: 2000, distinctTokens });
  await read();
  const before = await gateway.usage();
  const load = await runLoad({
    url: gateway.url,
    request,
    concurrency,
    durationMs: seconds * 1000,
    distinctTokens,
  });
  const after = await gateway.usage();
  rows.push([`peak, c${concurrency} × ${size} followers`, (await read()).peak]);
  await sleep(2000);
  rows.push(['2 s after the load', (await read()).now]);
  const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1).padStart(7);
  const spaceNames = Object.keys(rows[0]?.[1].spaces ?? {});
  const head = ['', 'RSS', 'files', 'heap used', 'heap total', 'external', 'arrayBufs', 'other'];
  process.stdout.write(`${head.map((h, i) => (i === 0 ? h.padEnd(30) : h.padStart(10))).join('')}\n`);
  for (const [label, s] of rows) {
    const other = s.rss - s.file - s.heapTotal;
    const cells = [s.rss, s.file, s.heapUsed, s.heapTotal, s.external, s.arrayBuffers, other];
    process.stdout.write(`${label.padEnd(30)}${cells.map((c) => mb(c).padStart(10)).join('')}\n`);
  }
  process.stdout.write('\nV8 heap spaces, used / committed MB:\n');
  process.stdout.write(
    `${''.padEnd(24)}${rows.map(([label]) => label.slice(0, 22).padStart(24)).join('')}\n`,
  );
  for (const space of spaceNames) {
    const cells = rows.map(([, s]) => {
      const v = s.spaces[space];
      return v ? `${mb(v.used).trim()} / ${mb(v.committed).trim()}`.padStart(24) : ''.padStart(24);
    });
    process.stdout.write(`${space.padEnd(24)}${cells.join('')}\n`);
  }
  const cpuMs = (after.cpuMicros - before.cpuMicros) / 1000;
  process.stdout.write(
    `\nload: ${load.requests} requests, ${load.errors} errors, ${(load.requests / (load.elapsedMs / 1000)).toFixed(1)} req/s, ${(cpuMs / load.requests).toFixed(2)} CPU ms/request\n`,
  );
} finally {
  await gateway.close();
  await upstream.close();
}
