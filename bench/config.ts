/**
 * The settings of `npm run bench`, read once from the environment. A bad value stops the bench with one
 * line naming the variable and the form it expects.
 */

/** The arms of the bench, in report order. */
export const ARM_NAMES = ['floor', 'yoga-floor', 'gateway', 'gateway-warm', 'mesh'] as const;

/**
 * One arm: the REST floor, the stack floor (graphql-yoga answering the same query with nothing else), the
 * gateway with its cache off or warm, or the GraphQL Mesh peer.
 */
export type ArmName = (typeof ARM_NAMES)[number];

/** How the load generator authenticates: a distinct bearer token per request, or one for all. */
export const TOKEN_MODES = ['distinct', 'shared'] as const;

/** One way of sending tokens (see {@link TOKEN_MODES}). */
export type TokenMode = (typeof TOKEN_MODES)[number];

/** What the arms call as X: the replay of memoised emulator answers, or the emulator itself. */
export const UPSTREAMS = ['replay', 'emulator'] as const;

/** One upstream (see {@link UPSTREAMS}). */
export type Upstream = (typeof UPSTREAMS)[number];

/** What one run measures and where it writes. */
export interface BenchConfig {
  /** `BENCH_SIZES`: follower page sizes, 1 to 1000. @default [10, 100, 1000] */
  readonly sizes: readonly number[];
  /** `BENCH_CONCURRENCY`: in-flight requests of the throughput runs. @default [1, 16, 64] */
  readonly concurrencies: readonly number[];
  /** `BENCH_DURATION_S`: length of one measured run, in seconds. @default 4 */
  readonly durationS: number;
  /** `BENCH_WARMUP_S`: unmeasured load before each run, in seconds. @default 1 */
  readonly warmupS: number;
  /**
   * `BENCH_SLICES`: how many slices each measured run is cut into, the arms taking turns slice by slice.
   * @default 4
   */
  readonly slices: number;
  /**
   * `BENCH_TOKENS`: the passes of the run. `distinct`: each request carries its own client bearer token,
   * as requests of a frontend's many users do (nothing coalesces, every request is a fresh principal;
   * the warm-cache arm, whose cache is per principal, is left out); `shared`: every request carries none
   * (the gateway calls X as the app, and identical calls in flight coalesce).
   * @default ['distinct', 'shared']
   */
  readonly tokens: readonly TokenMode[];
  /**
   * `BENCH_UPSTREAM`: what the arms call as X. `replay` serves the emulator's answers from memory, so the
   * rows measure the arms, not the emulator building pages; `emulator` is the emulator itself (shared
   * tokens only: it accepts only its own tokens). @default 'replay'
   */
  readonly upstream: Upstream;
  /** `BENCH_ARMS`: which arms run. @default every arm */
  readonly arms: readonly ArmName[];
  /** `BENCH_CPU_PROF`: an arm to run under `node --cpu-prof` (profiles go to `bench/results/tmp`). */
  readonly cpuProfArm: ArmName | undefined;
  /** `BENCH_OUT`: where `latest.md` and `ratios.svg` are written. @default 'bench/results' */
  readonly outDir: string;
}

/** A bad bench environment; `message` is the one line to print. */
export class BenchConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchConfigError';
  }
}

/** Reads the bench settings from `env`. */
export function loadBenchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const sizes = intList(env, 'BENCH_SIZES', [10, 100, 1000], 1, 1000);
  const concurrencies = intList(env, 'BENCH_CONCURRENCY', [1, 16, 64], 1, 256);
  if (!concurrencies.includes(1)) {
    throw new BenchConfigError('BENCH_CONCURRENCY must include 1 (the single-request latency run).');
  }
  const arms = armList(env.BENCH_ARMS);
  if (!arms.includes('floor')) throw new BenchConfigError('BENCH_ARMS must include floor (ratios need it).');
  const cpuProf = env.BENCH_CPU_PROF;
  if (cpuProf !== undefined && cpuProf !== '' && !isArmName(cpuProf)) {
    throw new BenchConfigError(`BENCH_CPU_PROF must be one of ${ARM_NAMES.join(', ')}; got "${cpuProf}".`);
  }
  const tokens = choiceList(env, 'BENCH_TOKENS', TOKEN_MODES);
  const upstream = choiceList(env, 'BENCH_UPSTREAM', UPSTREAMS, ['replay']);
  if (upstream.length !== 1) throw new BenchConfigError('BENCH_UPSTREAM must name one upstream.');
  if (upstream[0] === 'emulator' && tokens.includes('distinct')) {
    throw new BenchConfigError(
      'BENCH_TOKENS=distinct needs BENCH_UPSTREAM=replay (the emulator accepts only its own tokens); set BENCH_TOKENS=shared.',
    );
  }
  return {
    sizes,
    concurrencies,
    tokens,
    upstream: upstream[0] as Upstream,
    durationS: seconds(env, 'BENCH_DURATION_S', 4),
    warmupS: seconds(env, 'BENCH_WARMUP_S', 1),
    slices: integer(env, 'BENCH_SLICES', 4, 1, 100),
    arms,
    cpuProfArm: cpuProf ? (cpuProf as ArmName) : undefined,
    outDir: env.BENCH_OUT || 'bench/results',
  };
}

/** Is `value` the name of an arm? */
export function isArmName(value: string): value is ArmName {
  return (ARM_NAMES as readonly string[]).includes(value);
}

/** A comma-separated list of integers within `min..max` (deduplicated, ascending), or the default; a bad one is a `BenchConfigError`. */
export function intList(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number[],
  min: number,
  max: number,
): number[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value < min || value > max)) {
    throw new BenchConfigError(
      `${name} must be comma-separated integers from ${min} to ${max} (e.g. ${fallback.join(',')}); got "${raw}".`,
    );
  }
  return [...new Set(values)].sort((a, b) => a - b);
}

/** A comma-separated list of names among `choices`, in their order; `fallback` when unset. */
function choiceList<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  choices: readonly T[],
  fallback: readonly T[] = choices,
): T[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [...fallback];
  const names = raw.split(',').map((part) => part.trim());
  if (names.some((one) => !(choices as readonly string[]).includes(one))) {
    throw new BenchConfigError(
      `${name} must name among ${choices.join(', ')} (comma-separated); got "${raw}".`,
    );
  }
  return choices.filter((choice) => names.includes(choice));
}

/** An integer within `min..max`, or the default. */
function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BenchConfigError(`${name} must be an integer from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}

/** A positive number of seconds, or the default. */
function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 600) {
    throw new BenchConfigError(`${name} must be a number of seconds above 0, at most 600; got "${raw}".`);
  }
  return value;
}

/** `BENCH_ARMS`: comma-separated arm names, in report order; every arm when unset. */
function armList(raw: string | undefined): ArmName[] {
  if (raw === undefined || raw.trim() === '') return [...ARM_NAMES];
  const names = raw.split(',').map((part) => part.trim());
  const bad = names.filter((name) => !isArmName(name));
  if (bad.length > 0) {
    throw new BenchConfigError(`BENCH_ARMS must name arms among ${ARM_NAMES.join(', ')}; got "${raw}".`);
  }
  return ARM_NAMES.filter((name) => names.includes(name));
}
