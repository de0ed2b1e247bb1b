import { accessSync, constants, statSync } from 'node:fs';
import { maskUrlUserinfo, REDACTED } from './observability/redact.ts';

/**
 * Reading single environment variables for `src/config.ts`: each reader validates one form and records a
 * one-line problem naming the variable and the expected form, never echoing a secret value.
 */

/** The environment as `loadConfig` reads it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** One bad variable and the message that names it and the expected form. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/**
 * Reads single variables, recording a problem (and returning a placeholder) for each bad one. A variable set
 * to an empty or blank value is a problem too (`PORT=` is a mistake, not a request for the default).
 */
export class EnvReader {
  /** The variables already reported empty, so that a variable read twice is reported once. */
  private readonly reportedEmpty = new Set<string>();

  constructor(
    private readonly env: Env,
    private readonly problems: ConfigProblem[],
  ) {}

  /**
   * The trimmed value, or `undefined` when unset; a blank value is recorded as a problem naming `form`
   * (the expected form) and read as unset.
   */
  string(name: string, form = 'a non-empty value'): string | undefined {
    const value = this.env[name]?.trim();
    if (value !== '') return value;
    if (!this.reportedEmpty.has(name)) {
      this.reportedEmpty.add(name);
      this.fail(name, `${name} is set but empty: it must be ${form}, or unset for the default`);
    }
    return undefined;
  }

  /** A credential: one printable token without spaces; its value is never echoed. */
  secret(name: string): string | undefined {
    const value = this.string(name, 'a single token of printable ASCII');
    if (value === undefined) return undefined;
    if (!/^[\x21-\x7e]+$/.test(value)) {
      return this.fail(
        name,
        `${name} must be a single token of printable ASCII without spaces (value hidden)`,
      );
    }
    return value;
  }

  /** An integer in [min, max], or the default when unset. */
  integer(name: string, fallback: number, min: number, max: number, form: string): number {
    const raw = this.string(name, form);
    if (raw === undefined) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      return this.fail(name, `${name} must be ${form} (got ${quote(raw)})`) ?? fallback;
    }
    return value;
  }

  /** `true` or `false` (also `1`/`0`, `yes`/`no`, any case), or the default when unset. */
  boolean(name: string, fallback: boolean): boolean {
    const raw = this.string(name, 'true or false')?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    return (
      this.fail(name, `${name} must be true or false (got ${quote(this.string(name) ?? '')})`) ?? fallback
    );
  }

  /** One of `choices`, or the default when unset. */
  oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const raw = this.string(name, `one of ${choices.join(', ')}`)?.toLowerCase();
    if (raw === undefined) return fallback;
    if ((choices as readonly string[]).includes(raw)) return raw as T;
    return this.fail(name, `${name} must be one of ${choices.join(', ')} (got ${quote(raw)})`) ?? fallback;
  }

  /** A URL with one of `protocols`, without query or fragment; returned without a trailing slash. */
  url(name: string, protocols: readonly string[], form: string): string | undefined {
    const raw = this.string(name, form);
    if (raw === undefined) return undefined;
    const parsed = URL.canParse(raw) ? new URL(raw) : undefined;
    if (!parsed || !protocols.includes(parsed.protocol) || parsed.search || parsed.hash || !parsed.host) {
      return this.fail(
        name,
        `${name} must be ${form} without query or fragment (got ${quote(hideUserinfo(raw))})`,
      );
    }
    return raw.replace(/\/+$/, '');
  }

  /** A path to a readable regular file. */
  readableFile(name: string): string | undefined {
    const raw = this.string(name, 'the path of a readable file');
    if (raw === undefined) return undefined;
    try {
      accessSync(raw, constants.R_OK);
      if (statSync(raw).isFile()) return raw;
    } catch {
      // Reported below, with the same message as a directory.
    }
    return this.fail(name, `${name} must be the path of a readable file (got ${quote(raw)})`);
  }

  /** `*`, or a comma-separated list of origins such as `https://app.example.com`. */
  origins(name: string): '*' | string[] {
    const raw = this.string(name, '* or comma-separated origins');
    if (raw === undefined || raw === '*') return '*';
    const origins = raw
      .split(',')
      .map((part) => part.trim().replace(/\/$/, ''))
      .filter((part) => part !== '');
    const bad = origins.find((origin) => !URL.canParse(origin) || new URL(origin).origin !== origin);
    if (origins.length === 0 || bad !== undefined) {
      // A password may hold a comma: with user info anywhere, the whole value is shown masked.
      const shown = raw.includes('@') ? hideUserinfo(raw) : (bad ?? raw);
      this.fail(
        name,
        `${name} must be * or comma-separated origins like https://app.example.com (got ${quote(shown)})`,
      );
      return '*';
    }
    return origins;
  }

  /** Records a problem; returns `undefined` so callers can fall through. */
  private fail(variable: string, message: string): undefined {
    this.problems.push({ variable, message });
    return undefined;
  }
}

/** JSON-quotes a value for an error message, shortened to keep the line readable. */
function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}

/**
 * Replaces the user info of the URLs in a value (`user:password@`, whatever characters it holds) so a
 * message never shows a password; a value with an `@` but no `scheme://` (it does not parse) is masked up
 * to its last `@`.
 */
function hideUserinfo(value: string): string {
  const masked = maskUrlUserinfo(value);
  if (masked !== value || !value.includes('@')) return masked;
  return `${REDACTED}${value.slice(value.lastIndexOf('@'))}`;
}
