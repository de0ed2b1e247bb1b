import { EmulatorEnvError, parseEmulatorEnv } from '../emulator/emulator-env.ts';
import { type FlagSpec, parseCommandLine, UsageError } from './parse-flags.ts';

/**
 * The command line of `x-api-emulator` (and `npm run emulator -- <flags>`): flags standing for the
 * emulator's variables, checked as the variables are.
 */

/** The emulator's flags. */
export const EMULATOR_FLAGS: readonly FlagSpec[] = [
  {
    flag: '--port',
    variable: 'EMULATOR_PORT',
    value: '<port>',
    description: 'port to listen on, 0 for any free one; default 4010',
  },
  {
    flag: '--host',
    variable: 'HOST',
    value: '<host>',
    description: 'interface to listen on; default 127.0.0.1',
  },
  {
    flag: '--seed',
    variable: 'EMULATOR_SEED',
    value: '<seed>',
    description: 'the emulated world, an integer; default 42',
  },
  {
    flag: '--rate-limit',
    variable: 'EMULATOR_RATE_LIMIT',
    value: '<n|off>',
    description: 'requests per 15 minutes per endpoint and caller, or off; default 15',
  },
];

/** What an emulator command line asks for: help, the version, or a start with this environment. */
export type EmulatorCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'run'; readonly env: Readonly<Record<string, string | undefined>> };

/** Reads the command line over `env`; a bad flag value is a {@link UsageError} naming the flag. */
export function emulatorCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): EmulatorCommand {
  const parsed = parseCommandLine(argv, EMULATOR_FLAGS);
  if (parsed.kind !== 'run') return parsed;
  for (const spec of EMULATOR_FLAGS) {
    const value = parsed.overrides[spec.variable];
    if (value === undefined) continue;
    try {
      parseEmulatorEnv({ [spec.variable]: value });
    } catch (error) {
      if (!(error instanceof EmulatorEnvError)) throw error;
      throw new UsageError(error.message.replace(spec.variable, spec.flag));
    }
  }
  return { kind: 'run', env: { ...env, ...parsed.overrides } };
}
