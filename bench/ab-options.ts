import { BenchConfigError } from './config.ts';

/**
 * The settings of `npx tsx bench/ab.ts`, the interleaved A/B of gateway builds: which builds, with which
 * extra Node flags, and how long to measure. Read once from the command line and the environment; a bad
 * value stops it with one line naming what was wrong.
 */

/** One build under test. */
export interface AbVariant {
  /** Its name in the table. */
  readonly name: string;
  /** A build of what `npm start` runs (`scripts/build.mjs --outdir <dir>`, with `cli/gateway.js`). */
  readonly dir: string;
  /** Node flags added after `scripts/node-flags.json`'s (e.g. `--max-semi-space-size=8`). */
  readonly nodeFlags: readonly string[];
}

/** What one A/B run compares and how it measures. */
export interface AbOptions {
  readonly variants: readonly AbVariant[];
  /** `--floor`: measure the bench's floor arm in the same rounds, for ratios. @default false */
  readonly floor: boolean;
  /** `AB_SIZE`: followers per page, 1 to 1000. @default 1000 */
  readonly size: number;
  /** `AB_CONCURRENCY`: requests in flight. @default 1 */
  readonly concurrency: number;
  /** `AB_ROUNDS`: measured rounds; each measures every variant once, the order reversed every other round. @default 6 */
  readonly rounds: number;
  /** `AB_SECONDS`: length of one variant's turn in a round, in seconds. @default 2 */
  readonly seconds: number;
  /** `AB_WARMUP_S`: unmeasured load per variant before the rounds, in seconds. @default 3 */
  readonly warmupS: number;
}

/**
 * Reads the A/B settings: each argument is `<name>=<build dir>`, optionally followed by `@<node flag>`
 * parts (`semi8=bench/results/tmp/ab/after@--max-semi-space-size=8`), or `--floor`; at least one build, names unique.
 */
export function loadAbOptions(args: readonly string[], env: Record<string, string | undefined>): AbOptions {
  const variants: AbVariant[] = [];
  let floor = false;
  for (const arg of args) {
    if (arg === '--floor') {
      floor = true;
      continue;
    }
    const [spec = '', ...nodeFlags] = arg.split('@');
    const at = spec.indexOf('=');
    const name = spec.slice(0, at);
    const dir = spec.slice(at + 1);
    if (at <= 0 || dir === '' || !/^[\w.-]+$/.test(name)) {
      throw new BenchConfigError(
        `bench/ab.ts: "${arg}" is not <name>=<build dir>[@<node flag>...] (a name of letters, digits, ".", "-" or "_").`,
      );
    }
    const badFlag = nodeFlags.find((flag) => !flag.startsWith('--'));
    if (badFlag !== undefined) {
      throw new BenchConfigError(`bench/ab.ts: "${badFlag}" in "${arg}" is not a Node flag (--...).`);
    }
    if (name === 'floor' || variants.some((variant) => variant.name === name)) {
      throw new BenchConfigError(`bench/ab.ts: the name "${name}" is taken; give each build its own.`);
    }
    variants.push({ name, dir, nodeFlags });
  }
  if (variants.length === 0) {
    throw new BenchConfigError(
      'bench/ab.ts: name at least one build, e.g. `npx tsx bench/ab.ts before=bench/results/tmp/ab/before after=bench/results/tmp/ab/after --floor`.',
    );
  }
  return {
    variants,
    floor,
    size: integerIn(env, 'AB_SIZE', 1000, 1, 1000),
    concurrency: integerIn(env, 'AB_CONCURRENCY', 1, 1, 256),
    rounds: integerIn(env, 'AB_ROUNDS', 6, 1, 100),
    seconds: positive(env, 'AB_SECONDS', 2),
    warmupS: positive(env, 'AB_WARMUP_S', 3),
  };
}

/** An integer variable within bounds, or its default when unset (a bad one is a `BenchConfigError`). */
export function integerIn(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BenchConfigError(`${name} must be an integer from ${min} to ${max} (got "${raw}").`);
  }
  return value;
}

/** A positive number of seconds, at most 600, or its default when unset (a bad one is a `BenchConfigError`). */
export function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 600) {
    throw new BenchConfigError(`${name} must be a number of seconds above 0, at most 600 (got "${raw}").`);
  }
  return value;
}

/** The CPU time of a process in clock ticks (user + system), from the text of `/proc/<pid>/stat`. */
export function cpuTicksOf(statText: string): number {
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its last `)`.
  const fields = statText.slice(statText.lastIndexOf(')') + 2).split(' ');
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  if (!Number.isFinite(user) || !Number.isFinite(system)) throw new Error('not a /proc/<pid>/stat text');
  return user + system;
}

/** The median of some values (the upper one of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}
