/**
 * The command lines of `x-graphql-gateway` and `x-api-emulator`: `--help`, `--version`, and flags that each
 * stand for one environment variable (`--port 4000` or `--port=4000`). A flag's value wins over the
 * variable, which wins over the default. Anything else (an unknown flag, a missing or empty value, a bare
 * argument) is a {@link UsageError} whose message is the one line to print.
 */

/** One flag: `--<name> <value>`, read as the environment variable `variable`. */
export interface FlagSpec {
  /** The flag with its dashes, e.g. `--port`. */
  readonly flag: string;
  /** The environment variable the flag overrides, e.g. `PORT`. */
  readonly variable: string;
  /** The value's placeholder in `--help`, e.g. `<port>`. */
  readonly value: string;
  /** What the flag sets, for `--help` (its default included). */
  readonly description: string;
}

/** What a command line asks for. */
export type ParsedCommandLine =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  /** Run, with these variables overriding the environment. */
  | { readonly kind: 'run'; readonly overrides: Readonly<Record<string, string>> };

/** A command line that cannot be followed; `message` is one line naming what was wrong. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Reads `argv` (without `node` and the script) against the flags of one command. */
export function parseCommandLine(argv: readonly string[], specs: readonly FlagSpec[]): ParsedCommandLine {
  const overrides: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--version' || arg === '-v') return { kind: 'version' };
    if (!arg.startsWith('-')) throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`);
    const equals = arg.indexOf('=');
    const flag = equals < 0 ? arg : arg.slice(0, equals);
    const spec = specs.find((s) => s.flag === flag);
    if (!spec) throw new UsageError(`unknown option ${JSON.stringify(flag)}`);
    let value: string | undefined;
    if (equals >= 0) value = arg.slice(equals + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        throw new UsageError(`${flag} needs a value: ${flag} ${spec.value}`);
      }
      i++;
    }
    if (value.trim() === '') throw new UsageError(`${flag} must not be empty: ${flag} ${spec.value}`);
    overrides[spec.variable] = value;
  }
  // A flag given twice takes its last value, as the environment would.
  return { kind: 'run', overrides };
}

/** The `--help` text of a command: usage, flags (each with its variable), and the precedence rule. */
export function helpText(command: string, summary: string, specs: readonly FlagSpec[]): string {
  const rows = [
    ...specs.map((s) => [`${s.flag} ${s.value}`, `${s.description} (${s.variable})`] as const),
    ['-h, --help', 'print this help and exit'] as const,
    ['-v, --version', 'print the version and exit'] as const,
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    `Usage: ${command} [options]`,
    '',
    summary,
    '',
    'Options:',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`),
    '',
    'A flag wins over its environment variable, which wins over the default. Every other setting is read',
    'from the environment only (see the README, "Configuration").',
    '',
  ].join('\n');
}
