/**
 * The settings of `npm run bench`, read once from the environment. A bad value stops the bench with one
 * line naming the variable and the form it expects.
 */

/** The arms of the bench, in report order. */
export const ARM_NAMES = ['floor', 'gateway', 'gateway-warm', 'mesh'] as const;

/** One arm: the REST floor, the gateway with its cache off or warm, or the GraphQL Mesh peer. */
export type ArmName = (typeof ARM_NAMES)[number];

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
  return {
    sizes,
    concurrencies,
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

/** A comma-separated list of integers within `min..max`, or the default. */
function intList(
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
