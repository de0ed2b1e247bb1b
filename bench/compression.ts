/**
 * `npx tsx bench/compression.ts`: what compressing answers costs and saves. Builds and starts
 * `dist/cli/gateway.js` (emulator mode, upstream answers cached so that only the gateway's own work counts),
 * then asks for a page of 1,000 followers (the bench's workload) again and again, one request at a time,
 * interleaving `Accept-Encoding: identity`, `gzip` and `br`, and prints the bytes on the wire and the
 * latency to the last byte of each. `BENCH_COMPRESSION_ROUNDS` sets the rounds (default 60).
 */
import { execFileSync, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { startFlags } from './children.ts';
import { percentile } from './stats.ts';
import { armRequest } from './workload.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ROUNDS = Number(process.env.BENCH_COMPRESSION_ROUNDS ?? 60);
const WARMUP = 5;
const ENCODINGS = ['identity', 'gzip', 'br'] as const;

execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
const flags = startFlags();
const child = spawn(process.execPath, [...flags, resolve(ROOT, 'dist/cli/gateway.js')], {
  cwd: ROOT,
  env: {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    EMULATOR_RATE_LIMIT: 'off',
    X_CACHE_TTL_SECONDS: '3600',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = new URL(
  await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /listening on (http[^"\s]+)/.exec(out);
      if (found?.[1]) done(found[1]);
    });
    child.once('exit', (code) => fail(new Error(`the gateway exited with code ${code}`)));
  }),
);

const workload = armRequest('gateway', 1000);

/** One request with `encoding`: the body's bytes as sent and the milliseconds to its last byte. */
function once(encoding: string): Promise<{ bytes: number; ms: number }> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const req = httpRequest(
      url,
      { method: 'POST', headers: { ...workload.headers, 'accept-encoding': encoding } },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.byteLength;
        });
        res.on('end', () => {
          const sent = res.headers['content-encoding'] ?? 'identity';
          if (res.statusCode !== 200 || sent !== encoding) fail(new Error(`${res.statusCode} ${sent}`));
          else done({ bytes, ms: performance.now() - started });
        });
      },
    );
    req.once('error', fail);
    req.end(workload.body);
  });
}

process.once('exit', () => child.kill('SIGTERM'));
const samples = new Map(ENCODINGS.map((encoding) => [encoding, { bytes: 0, ms: [] as number[] }]));
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  for (const encoding of ENCODINGS) {
    const { bytes, ms } = await once(encoding);
    const sample = samples.get(encoding);
    if (sample && round >= WARMUP) {
      sample.bytes = bytes;
      sample.ms.push(ms);
    }
  }
}
child.kill('SIGTERM');

process.stdout.write(`1,000 followers, ${ROUNDS} requests per encoding, one at a time\n`);
process.stdout.write(
  '| Accept-Encoding | bytes on the wire | p50 latency | p95 latency |\n|---|---|---|---|\n',
);
for (const [encoding, { bytes, ms }] of samples) {
  const p50 = percentile(Float64Array.from(ms).sort(), 50).toFixed(1);
  const p95 = percentile(Float64Array.from(ms).sort(), 95).toFixed(1);
  process.stdout.write(`| ${encoding} | ${bytes.toLocaleString('en')} | ${p50} ms | ${p95} ms |\n`);
}
