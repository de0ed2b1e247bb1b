/**
 * `npm run bench`: the gateway against the REST floor and the GraphQL Mesh peer, over loopback, on the
 * replay upstream (the emulator's answers memoised) or the emulator. Starts the upstream and each arm in
 * its own process, opens the gateway arms' GraphiQL once, checks that every arm names the same followers,
 * measures them interleaved in each token mode, prints the table and writes `bench/results/latest.md` and
 * `bench/results/ratios.svg`. Settings: `BENCH_SIZES`, `BENCH_CONCURRENCY`, `BENCH_DURATION_S`,
 * `BENCH_WARMUP_S`, `BENCH_SLICES`, `BENCH_ARMS`, `BENCH_TOKENS`, `BENCH_UPSTREAM`, `BENCH_CPU_PROF`,
 * `BENCH_OUT` (see bench/config.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ratiosChart } from './chart.ts';
import { type ChildHandle, startChild } from './children.ts';
import { type ArmName, type BenchConfig, BenchConfigError, loadBenchConfig } from './config.ts';
import { readCpuTimes, stealShare } from './cpu-steal.ts';
import { viewGraphiql } from './graphiql-view.ts';
import { fetchOnce } from './load.ts';
import { type LiveArm, measureArms, primeArms } from './measure.ts';
import { ensurePeerInstalled } from './peer-install.ts';
import { markdownReport, markdownTable, tableCells, textTable, verdictKey } from './report.ts';
import { checkTargets, targetsMarkdown } from './targets.ts';
import { compareFollowers, pinnedCount, type Verdict } from './verify.ts';
import { armRequest, type FollowerDigest, followersOf } from './workload.ts';

/** Each arm's child entry and environment. */
const ARM_ENTRIES: Record<ArmName, { entry: string; env?: Record<string, string> }> = {
  floor: { entry: 'floor.ts' },
  'yoga-floor': { entry: 'yoga-floor.ts' },
  gateway: { entry: 'gateway.ts', env: { BENCH_CACHE_TTL_SECONDS: '0' } },
  'gateway-warm': { entry: 'gateway.ts', env: { BENCH_CACHE_TTL_SECONDS: '3600' } },
  mesh: { entry: 'mesh.ts' },
};

/** Progress goes to stderr; the table goes to stdout. */
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Checks that every arm answers each size with the floor's followers; returns one verdict per arm and size. */
async function verifyArms(config: BenchConfig, arms: readonly LiveArm[]): Promise<Map<string, Verdict>> {
  const verdicts = new Map<string, Verdict>();
  for (const size of config.sizes) {
    let reference: FollowerDigest[] | undefined;
    for (const arm of arms) {
      let followers: FollowerDigest[];
      try {
        followers = followersOf(arm.name, await fetchOnce(arm.child.url, armRequest(arm.name, size)));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        verdicts.set(verdictKey(arm.name, size), {
          same: false,
          count: 0,
          difference: message.slice(0, 200),
        });
        continue;
      }
      reference ??= followers;
      const verdict = compareFollowers(reference, followers);
      verdicts.set(verdictKey(arm.name, size), verdict);
      if (arm.name === 'floor') {
        log(
          `  size ${size}: the floor returned ${followers.length} followers, ${pinnedCount(followers)} pinned`,
        );
      } else if (!verdict.same) {
        log(`  size ${size}: ${arm.name} differs from the floor: ${verdict.difference}`);
      }
    }
  }
  return verdicts;
}

/** The commit being measured (with `+dirty` when the work tree differs), or `unknown`. */
function currentCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

/** Runs the whole bench; resolves with the process exit code. */
async function main(): Promise<number> {
  let config: BenchConfig;
  try {
    config = loadBenchConfig();
  } catch (error) {
    if (!(error instanceof BenchConfigError)) throw error;
    log(error.message);
    return 1;
  }
  if (config.arms.includes('mesh')) ensurePeerInstalled(log);
  const loadAtStart = loadavg()[0] ?? 0;
  const cpuAtStart = readCpuTimes();
  const children: ChildHandle[] = [];
  const stopAll = async (): Promise<void> => {
    await Promise.all(children.map((child) => child.close()));
  };
  process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));
  try {
    log(
      config.upstream === 'replay'
        ? "starting the replay upstream (the emulator's answers, memoised)..."
        : 'starting the emulator (rate limit off)...',
    );
    const upstream = await startChild(config.upstream, { entry: `${config.upstream}.ts` });
    children.push(upstream);
    const arms: LiveArm[] = [];
    for (const name of config.arms) {
      log(`starting ${name}...`);
      const { entry, env } = ARM_ENTRIES[name];
      const child = await startChild(name, {
        entry,
        env: { ...env, BENCH_UPSTREAM_URL: upstream.url },
        cpuProfDir: config.cpuProfArm === name ? join(config.outDir, 'tmp', 'profiles') : undefined,
      });
      children.push(child);
      arms.push({ name, child });
      if (name.startsWith('gateway')) await viewGraphiql(`${child.url}/graphql`);
    }
    log('checking that every arm returns the same followers...');
    const verdicts = await verifyArms(config, arms);
    log('warming every arm up (3 s per arm and page size)...');
    await primeArms(config, arms);
    const runs = config.sizes.length * config.concurrencies.length * arms.length * config.tokens.length;
    log(
      `measuring: ${runs} runs of ${config.warmupS} + ${config.durationS} s (${config.slices} slices each)...`,
    );
    const rows = await measureArms(config, arms, log);
    const { header, body } = tableCells(rows, config.concurrencies, verdicts);
    const targets = checkTargets(rows);
    const report = markdownReport(
      {
        upstream: config.upstream,
        date: new Date().toISOString(),
        commit: currentCommit(),
        node: process.version,
        cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
        loadAverage: [loadAtStart, loadavg()[0] ?? 0],
        stealShare: stealShare(cpuAtStart, readCpuTimes()),
        durationS: config.durationS,
        warmupS: config.warmupS,
        slices: config.slices,
        concurrencies: config.concurrencies,
        startupMs: new Map(arms.map((arm) => [arm.name, arm.child.startupMs])),
      },
      markdownTable(header, body),
      targetsMarkdown(targets),
    );
    mkdirSync(config.outDir, { recursive: true });
    writeFileSync(join(config.outDir, 'latest.md'), report);
    const chartConcurrency = config.concurrencies.includes(16) ? 16 : (config.concurrencies.at(-1) ?? 1);
    writeFileSync(join(config.outDir, 'ratios.svg'), ratiosChart(rows, chartConcurrency, config.tokens[0]));
    process.stdout.write(`\n${textTable(header, body)}\n\n${targetsMarkdown(targets)}\n`);
    log(`\nwrote ${join(config.outDir, 'latest.md')} and ${join(config.outDir, 'ratios.svg')}`);
    return [...verdicts.values()].every((verdict) => verdict.same) ? 0 : 1;
  } finally {
    await stopAll();
  }
}

process.exitCode = await main();
