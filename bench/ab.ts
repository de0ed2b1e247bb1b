/**
 * `npx tsx bench/ab.ts <name>=<build dir>[@<node flag>...] ... [--floor]`: an interleaved A/B of gateway
 * builds, for measuring one change where the whole bench is too coarse (its rows move by ±30% from one
 * run to the next on a shared 2-core machine). Each build is what `npm start` runs, built once per commit
 * into a directory inside the repository (`node scripts/build.mjs --outdir bench/results/tmp/ab/<name>`:
 * the bundle loads its packages from `node_modules`); each runs as `npm start` runs the gateway (plain `node`
 * with `scripts/node-flags.json`'s flags, plus the variant's), cache off, over the bench's replay upstream.
 * A closed-loop client sends the bench's query (`AB_SIZE` followers, `AB_CONCURRENCY` in flight, a fresh
 * token per request); every round gives each build one turn of `AB_SECONDS`, the order reversed every
 * other round, so drift of the machine is shared. Per build: the CPU time of its process per request (from
 * `/proc`, so Linux only) and the p50 latency, as the median of the rounds and round by round, and its peak
 * RSS; with `--floor`, the bench's floor arm takes its turns too and the CPU is also given as a ratio to
 * the floor's. Before measuring, each build's answer is checked against X's page (its followers in order,
 * with their pinned tweets' text), asked of the upstream directly: a build that answers otherwise is not
 * measured (one that answers less would look fast). `bench/results/history.md` records what this measured.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { type AbOptions, type AbVariant, cpuTicksOf, loadAbOptions, median } from './ab-options.ts';
import { type ChildHandle, startChild, startFlags } from './children.ts';
import { BenchConfigError } from './config.ts';
import { readCpuTimes, stealShare } from './cpu-steal.ts';
import { fetchOnce, runLoad } from './load.ts';
import { percentile } from './stats.ts';
import { compareFollowers } from './verify.ts';
import { armRequest, BENCH_APP_TOKEN, BENCH_USER_ID, followersOf, xFollowersQuery } from './workload.ts';

const _ROOT = resolve(import.meta.dirname, '..');

/** Progress goes to stderr; the table goes to stdout. */
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** One contender: a build's gateway process, or the floor arm. */
interface Contender {
  readonly name: string;
  readonly url: string;
  readonly floor: boolean;
  /** Its CPU time so far, in milliseconds. */
  cpuMs(): Promise<number>;
  /** Its peak RSS, in megabytes. */
  peakRssMb(): Promise<number>;
  close(): Promise<void>;
  readonly cpuPerRequest: number[];
  readonly p50: number[];
}

/**
 * Why a contender may not be measured: its answer does not name X's followers (the upstream's page, asked
 * directly) in X's order with their pinned tweets. A build that answers wrongly, or with less, looks fast.
 */
async function wrongAnswer(
  contender: Contender,
  upstreamUrl: string,
  size: number,
): Promise<string | undefined> {
  const page = await fetchOnce(upstreamUrl, {
    method: 'GET',
    path: `/2/users/${BENCH_USER_ID}/followers?${xFollowersQuery(size)}`,
    headers: { authorization: `Bearer ${BENCH_APP_TOKEN}` },
  });
  const arm = contender.floor ? 'floor' : 'gateway';
  try {
    const answer = await fetchOnce(contender.url, armRequest(arm, size));
    const verdict = compareFollowers(followersOf('floor', page), followersOf(arm, answer));
    return verdict.same ? undefined : verdict.difference;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A free loopback port, for a gateway told its port by `PORT`. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

/** Waits until the gateway at `url` answers `/health`, or fails after `timeoutMs`. */
async function untilHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the gateway at ${url} did not become healthy within ${timeoutMs} ms`);
}

/** Starts one build's gateway over the upstream, as `npm start` runs it. */
async function startBuild(
  variant: AbVariant,
  upstreamUrl: string,
  ticksPerSecond: number,
): Promise<Contender> {
  const entry = resolve(variant.dir, 'cli', 'gateway.js');
  const flags = startFlags();
  const port = await freePort();
  const child = spawn(process.execPath, [...flags, ...variant.nodeFlags, entry], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      X_API_BASE_URL: upstreamUrl,
      X_BEARER_TOKEN: BENCH_APP_TOKEN,
      X_CACHE_TTL_SECONDS: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;
  await Promise.race([
    untilHealthy(url, 30_000),
    exited.then(() => {
      throw new Error(`${variant.name} (${entry}) exited before it served`);
    }),
  ]);
  const pid = child.pid as number;
  return {
    name: variant.name,
    url,
    floor: false,
    cpuMs: async () => (cpuTicksOf(readFileSync(`/proc/${pid}/stat`, 'utf8')) * 1000) / ticksPerSecond,
    peakRssMb: async () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
    },
    close: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
    cpuPerRequest: [],
    p50: [],
  };
}

/** The bench's floor arm as a contender. */
function floorContender(child: ChildHandle): Contender {
  let peakMb = 0;
  const usage = async () => {
    const stats = await child.usage();
    peakMb = Math.max(peakMb, stats.peakRssBytes / 2 ** 20);
    return stats;
  };
  return {
    name: 'floor',
    url: child.url,
    floor: true,
    cpuMs: async () => (await usage()).cpuMicros / 1000,
    peakRssMb: async () => {
      await usage();
      return peakMb;
    },
    close: () => child.close(),
    cpuPerRequest: [],
    p50: [],
  };
}

/** One turn of a contender: its load for `seconds`; records its CPU per request and p50 when `measured`. */
async function turn(
  contender: Contender,
  options: AbOptions,
  seconds: number,
  measured: boolean,
): Promise<void> {
  const request = armRequest(contender.floor ? 'floor' : 'gateway', options.size);
  const before = await contender.cpuMs();
  const result = await runLoad({
    url: contender.url,
    request,
    concurrency: options.concurrency,
    durationMs: seconds * 1000,
    distinctTokens: !contender.floor,
  });
  const cpu = (await contender.cpuMs()) - before;
  if (result.requests === 0)
    throw new Error(`${contender.name} answered nothing: ${result.firstError ?? 'no error'}`);
  if (result.errors > 0) log(`  ${contender.name}: ${result.errors} failed requests (${result.firstError})`);
  if (!measured) return;
  contender.cpuPerRequest.push(cpu / result.requests);
  contender.p50.push(percentile(result.latenciesMs, 50));
}

/** Runs the A/B; resolves with the process exit code. */
async function main(): Promise<number> {
  let options: AbOptions;
  try {
    options = loadAbOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof BenchConfigError)) throw error;
    log(error.message);
    return 1;
  }
  const missing = options.variants.find((variant) => !existsSync(resolve(variant.dir, 'cli', 'gateway.js')));
  if (missing) {
    log(
      `bench/ab.ts: ${missing.dir} holds no build (no cli/gateway.js): build one with ` +
        `\`node scripts/build.mjs --outdir ${missing.dir}\` (inside the repository).`,
    );
    return 1;
  }
  const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const contenders: Contender[] = [];
  const upstream = await startChild('replay', { entry: 'replay.ts' });
  try {
    if (options.floor) {
      const floor = await startChild('floor', {
        entry: 'floor.ts',
        env: { BENCH_UPSTREAM_URL: upstream.url },
      });
      contenders.push(floorContender(floor));
    }
    for (const variant of options.variants) {
      log(
        `starting ${variant.name} (${variant.dir}${variant.nodeFlags.length ? ` ${variant.nodeFlags.join(' ')}` : ''})...`,
      );
      contenders.push(await startBuild(variant, upstream.url, ticksPerSecond));
    }
    for (const contender of contenders) {
      const wrong = await wrongAnswer(contender, upstream.url, options.size);
      if (wrong) {
        log(`bench/ab.ts: ${contender.name} does not answer X's followers, so it is not measured: ${wrong}`);
        return 1;
      }
    }
    log(`warming up (${options.warmupS} s each)...`);
    for (const contender of contenders) await turn(contender, options, options.warmupS, false);
    log(
      `measuring: ${options.rounds} rounds of ${options.seconds} s each, ${options.size} followers, ` +
        `${options.concurrency} in flight, a fresh token per gateway request...`,
    );
    const cpuAtStart = readCpuTimes();
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? contenders : [...contenders].reverse();
      for (const contender of order) await turn(contender, options, options.seconds, true);
    }
    const stolen = stealShare(cpuAtStart, readCpuTimes());
    if (stolen !== undefined)
      log(`the hypervisor took ${(stolen * 100).toFixed(1)}% of the CPUs' time (steal)`);
    const floor = contenders.find((contender) => contender.floor);
    const floorCpu = floor ? median(floor.cpuPerRequest) : undefined;
    process.stdout.write(
      `| build | CPU ms/req (median) | ×floor | rounds | p50 ms (median) | peak RSS MB |\n| --- | ---: | ---: | --- | ---: | ---: |\n`,
    );
    for (const contender of contenders) {
      const cpu = median(contender.cpuPerRequest);
      const ratio = floorCpu ? (cpu / floorCpu).toFixed(2) : '–';
      const rounds = contender.cpuPerRequest.map((value) => value.toFixed(2)).join(' ');
      const rss = (await contender.peakRssMb()).toFixed(0);
      process.stdout.write(
        `| ${contender.name} | ${cpu.toFixed(2)} | ${ratio} | ${rounds} | ${median(contender.p50).toFixed(2)} | ${rss} |\n`,
      );
    }
    return 0;
  } finally {
    await Promise.all(contenders.map((contender) => contender.close()));
    await upstream.close();
  }
}

process.exitCode = await main();
