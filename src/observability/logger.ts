import type { LogFormat, LogLevel } from '../config-defaults.ts';
import { redact as defaultRedact, type Redactor } from './redact.ts';
import { MAX_LOGGED_STRING_LENGTH, truncateForLog } from './truncate.ts';

/**
 * Structured logs: one JSON object per line with `level`, `time`, `msg`, the bindings (a line of a
 * request names its `requestId`: `logger.child({ requestId })` or a `requestId` field) and the caller's fields, every part passed through the redactor, then
 * every string cut to `MAX_LOGGED_STRING_LENGTH` characters (redacted first, so a cut never splits a secret).
 * The `pretty` form writes the same redacted, cut entry as one readable line for a person at a terminal:
 * `12:00:01.234 INFO  message requestId=... key=value` (UTC time).
 */

/** Extra fields of one log line. */
export type LogFields = Readonly<Record<string, unknown>>;

/** The gateway's logger. */
export interface Logger {
  /** The least severe level written. */
  readonly level: LogLevel;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `bindings` to every line. */
  child(bindings: LogFields): Logger;
  /** Whether a line of `level` would be written. */
  isEnabled(level: Exclude<LogLevel, 'silent'>): boolean;
}

/** Options of `createLogger`. */
export interface LoggerOptions {
  /** The least severe level written. @default 'info' */
  level?: LogLevel;
  /** Receives each line, without its newline. @default writes to process.stdout */
  write?: (line: string) => void;
  /** Removes credentials from every line. @default redact (patterns only) */
  redact?: Redactor;
  /** The clock of `time`. @default () => new Date() */
  now?: () => Date;
  /** `json` lines, or `pretty` lines for a terminal. @default 'json' */
  format?: LogFormat;
}

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Creates a JSON-lines logger. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const redact = options.redact ?? defaultRedact;
  const now = options.now ?? (() => new Date());
  const format = options.format ?? 'json';
  return build({ level, write, redact, now, format }, {});
}

/** Builds one logger with its bindings. */
function build(base: Required<LoggerOptions>, bindings: LogFields): Logger {
  const threshold = SEVERITY[base.level];
  const emit = (level: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields): void => {
    if (SEVERITY[level] < threshold) return;
    const line: Record<string, unknown> = { level, time: base.now().toISOString(), msg };
    Object.assign(line, bindings, fields);
    try {
      const json = JSON.stringify(base.redact(line), jsonReplacer);
      base.write(base.format === 'json' ? json : prettyLine(JSON.parse(json) as Record<string, unknown>));
    } catch {
      // A log line must never break the request that wrote it.
    }
  };
  return {
    level: base.level,
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (more) => build(base, { ...bindings, ...more }),
    isEnabled: (level) => SEVERITY[level] >= threshold,
  };
}

/** Makes BigInts JSON-safe and cuts long strings. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return truncateForLog(value, MAX_LOGGED_STRING_LENGTH);
  return typeof value === 'bigint' ? value.toString() : value;
}

/** A safe JSON entry as `HH:MM:SS.mmm LEVEL message key=value ...`. */
function prettyLine(entry: Record<string, unknown>): string {
  const { level, time, msg, ...fields } = entry;
  const clock = typeof time === 'string' ? time.slice(11, 23) : '';
  const parts = [clock, String(level).toUpperCase().padEnd(5), prettyText(String(msg))];
  for (const [key, value] of Object.entries(fields)) parts.push(`${key}=${prettyValue(value)}`);
  return parts.join(' ');
}

/** Text as is when it is one plain line, else quoted, so an entry never spans or forges lines. */
function prettyText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for.
  return /[\u0000-\u001f\u007f\u2028\u2029]/.test(text) ? JSON.stringify(text) : text;
}

/** A field's value: plain words bare, other strings quoted, objects and arrays as JSON. */
function prettyValue(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value) ?? String(value);
  return /^[^\s"=]+$/.test(value) && prettyText(value) === value ? value : JSON.stringify(value);
}
