/**
 * The environment of `npm run emulator`: where it listens, its rate limit, its seed and which X it plays
 * (`previous_token` reading, short pages). A bad value is
 * reported as one line naming the variable and the form it expects.
 */

/** The settings `npm run emulator` reads from the environment. */
export interface EmulatorEnv {
  /** `EMULATOR_PORT`. @default 4010 */
  readonly port: number;
  /** `HOST`. @default '127.0.0.1' */
  readonly host: string;
  /** `EMULATOR_RATE_LIMIT`: requests per 15-minute window per endpoint and principal, or `'off'`. @default 15 */
  readonly rateLimit: number | 'off';
  /** `EMULATOR_SEED`. @default 42 */
  readonly seed: number;
  /** `EMULATOR_PREVIOUS_TOKEN`: what a `previous_token` means. @default 'boundary' */
  readonly previousToken: 'boundary' | 'same-size';
  /** `EMULATOR_SHORT_PAGES`: the share in [0, 1) of accounts left out of list pages. @default 0 */
  readonly shortPages: number;
}

/** A variable with a value of the wrong form; `message` is the one line to print. */
export class EmulatorEnvError extends Error {
  override readonly name = 'EmulatorEnvError';
}

/** Reads and checks the emulator's variables; throws {@link EmulatorEnvError} on the first bad one. */
export function parseEmulatorEnv(env: Readonly<Record<string, string | undefined>>): EmulatorEnv {
  return {
    port: integerVar(env, 'EMULATOR_PORT', 4010, 0, 65535, 'an integer from 0 to 65535'),
    host: hostVar(env),
    rateLimit: rateLimitVar(env),
    seed: integerVar(env, 'EMULATOR_SEED', 42, 0, 2 ** 31 - 1, 'an integer from 0 to 2147483647'),
    previousToken: previousTokenVar(env),
    shortPages: shortPagesVar(env),
  };
}

/** `EMULATOR_PREVIOUS_TOKEN`: `boundary` or `same-size`. */
function previousTokenVar(env: Readonly<Record<string, string | undefined>>): 'boundary' | 'same-size' {
  const value = envValue(env, 'EMULATOR_PREVIOUS_TOKEN');
  if (value === undefined) return 'boundary';
  const reading = value.toLowerCase();
  if (reading === 'boundary' || reading === 'same-size') return reading;
  throw new EmulatorEnvError(
    `EMULATOR_PREVIOUS_TOKEN must be 'boundary' or 'same-size', got ${JSON.stringify(value)}`,
  );
}

/** `EMULATOR_SHORT_PAGES`: a decimal number in [0, 1). */
function shortPagesVar(env: Readonly<Record<string, string | undefined>>): number {
  const value = envValue(env, 'EMULATOR_SHORT_PAGES');
  if (value === undefined) return 0;
  const share = Number(value);
  if (!/^[0-9]*\.?[0-9]+$/.test(value) || !(share >= 0 && share < 1)) {
    throw new EmulatorEnvError(
      `EMULATOR_SHORT_PAGES must be a number from 0 up to (not including) 1, got ${JSON.stringify(value)}`,
    );
  }
  return share;
}

/** The trimmed value of a variable, undefined when unset; a blank value is refused (`PORT=` is a mistake). */
function envValue(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name]?.trim();
  if (value === '')
    throw new EmulatorEnvError(`${name} is set but empty: give a value, or unset it for the default`);
  return value;
}

/** An integer variable within [min, max]. */
function integerVar(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
  max: number,
  form: string,
): number {
  const value = envValue(env, name);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^[0-9]+$/.test(value) || number < min || number > max) {
    throw new EmulatorEnvError(`${name} must be ${form}, got ${JSON.stringify(value)}`);
  }
  return number;
}

/** `EMULATOR_RATE_LIMIT`: a positive integer or `off`. */
function rateLimitVar(env: Readonly<Record<string, string | undefined>>): number | 'off' {
  const value = envValue(env, 'EMULATOR_RATE_LIMIT');
  if (value?.toLowerCase() === 'off') return 'off';
  return integerVar(env, 'EMULATOR_RATE_LIMIT', 15, 1, 1_000_000, "a positive integer or 'off'");
}

/** `HOST`: an interface name or address without spaces. */
function hostVar(env: Readonly<Record<string, string | undefined>>): string {
  const value = envValue(env, 'HOST');
  if (value === undefined) return '127.0.0.1';
  if (!/^[A-Za-z0-9.:_-]+$/.test(value)) {
    throw new EmulatorEnvError(`HOST must be a host name or IP address, got ${JSON.stringify(value)}`);
  }
  return value;
}
