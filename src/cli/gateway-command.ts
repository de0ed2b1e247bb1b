import { ConfigError, loadConfig } from '../config.ts';
import type { Env } from '../env-reader.ts';
import { type FlagSpec, parseCommandLine, UsageError } from './parse-flags.ts';

/**
 * The command line of `x-graphql-gateway` (and `npm start -- <flags>`): the flags of the settings people
 * change most, each standing for its environment variable and checked as the variable is.
 */

/** The gateway's flags. */
export const GATEWAY_FLAGS: readonly FlagSpec[] = [
  {
    flag: '--port',
    variable: 'PORT',
    value: '<port>',
    description: 'port to listen on, 0 for any free one; default 4000',
  },
  {
    flag: '--host',
    variable: 'HOST',
    value: '<host>',
    description: 'interface to listen on; default 0.0.0.0',
  },
  {
    flag: '--upstream',
    variable: 'X_API_BASE_URL',
    value: '<url>',
    description: 'the X API origin; default https://api.x.com with credentials, else the embedded emulator',
  },
  {
    flag: '--log-level',
    variable: 'LOG_LEVEL',
    value: '<level>',
    description: 'debug, info, warn, error or silent; default info',
  },
];

/** What a gateway command line asks for: help, the version, or a start with this environment. */
export type GatewayCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'run'; readonly env: Env };

/**
 * Reads the command line over `env`: each flag's value replaces its variable. A bad flag value is a
 * {@link UsageError} naming the flag and the form `loadConfig` expects of its variable.
 */
export function gatewayCommand(argv: readonly string[], env: Env): GatewayCommand {
  const parsed = parseCommandLine(argv, GATEWAY_FLAGS);
  if (parsed.kind !== 'run') return parsed;
  for (const spec of GATEWAY_FLAGS) {
    const value = parsed.overrides[spec.variable];
    if (value !== undefined) checkFlag(spec, value);
  }
  return { kind: 'run', env: { ...env, ...parsed.overrides } };
}

/** Checks one flag's value as `loadConfig` checks its variable, naming the flag instead. */
function checkFlag(spec: FlagSpec, value: string): void {
  try {
    loadConfig({ [spec.variable]: value });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const problem = error.message.replace(/^Invalid environment: /, '');
    throw new UsageError(problem.replace(spec.variable, spec.flag));
  }
}
