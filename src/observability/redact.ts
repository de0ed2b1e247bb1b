/**
 * Removes credentials from anything about to be logged: `Authorization` values, OAuth 1.0a
 * parameters, token-like query parameters, the user info of URLs, secret-named object keys, and any
 * registered secret value (the configured tokens) wherever it appears.
 */

/** What replaces a removed credential. */
export const REDACTED = '[REDACTED]';

/** Object keys whose values are always credentials. */
const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|password|passwd|secret|token|bearer)$|secret|bearer|access_?token|consumer_?key|api_?key|oauth|credential/i;

/** Credentials inside free text. Each keeps its label (group 1) and replaces the value. */
const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(Bearer\s+)[A-Za-z0-9\-._~+/%=]+/gi,
  /\b(Basic\s+)[A-Za-z0-9+/=]+/gi,
  /\b(OAuth\s+)(?=[A-Za-z_]+=)[^\r\n]*/gi,
  /\b(oauth_[a-z_]+=)("[^"]*"|[^&\s,]+)/gi,
  /\b((?:access_token|refresh_token|bearer_token|client_secret|api_key|token|password)=)[^&\s,"]+/gi,
];

/** The start of a URL: its scheme and `//`. */
const URL_SCHEME = /[a-z][a-z0-9+.-]*:\/\//gi;

/** What ends a URL inside free text. */
const URL_END = /[\s"'<>`]/g;

/**
 * `text` with the user info of every URL in it (`user:password@`) replaced by `mask`, whatever characters
 * it holds: everything from the `//` of a URL to the last `@` before the URL ends (a space or a quote) is
 * user info, so a password with `/`, `@`, `:`, `#`, `?` or `%` is masked whole, even in a URL that does not
 * parse. Linear in the length of `text`.
 * @param mask what replaces the user info. @default REDACTED
 */
export function maskUrlUserinfo(text: string, mask: string = REDACTED): string {
  if (!text.includes('@') || !text.includes('://')) return text;
  let out = '';
  let from = 0;
  URL_SCHEME.lastIndex = 0;
  for (let match = URL_SCHEME.exec(text); match; match = URL_SCHEME.exec(text)) {
    const start = match.index + match[0].length;
    URL_END.lastIndex = start;
    const end = URL_END.exec(text)?.index ?? text.length;
    const at = text.slice(start, end).lastIndexOf('@');
    if (at >= 0) {
      out += `${text.slice(from, start)}${mask}`;
      from = start + at;
    }
    URL_SCHEME.lastIndex = Math.max(end, start);
  }
  return out + text.slice(from);
}

/** Registered secrets shorter than this are not scrubbed by value (too likely to match innocent text). */
const MIN_SECRET_LENGTH = 6;

/** A redaction function; `redact(value)` returns a copy without credentials, never mutating `value`. */
export type Redactor = (value: unknown) => unknown;

/**
 * Builds a redactor that also scrubs the given secret values (e.g. `X_BEARER_TOKEN`) by value.
 * @param secrets exact secret strings to remove wherever they occur. @default []
 */
export function createRedactor(secrets: readonly (string | undefined)[] = []): Redactor {
  const known = [...new Set(secrets.filter((s): s is string => !!s && s.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
  const redactString = (text: string): string => {
    let out = text;
    for (const secret of known) out = out.split(secret).join(REDACTED);
    for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, `$1${REDACTED}`);
    return maskUrlUserinfo(out);
  };
  const walk = (value: unknown, seen: WeakSet<object>, depth: number): unknown => {
    if (typeof value === 'string') return redactString(value);
    if (value === null || typeof value !== 'object') return value;
    if (seen.has(value) || depth > 8) return '[Circular]';
    seen.add(value);
    if (value instanceof Date) return value.toISOString();
    if (value instanceof Error) return walk(serializeError(value), seen, depth + 1);
    if (Array.isArray(value)) return value.map((item) => walk(item, seen, depth + 1));
    if (typeof (value as { entries?: unknown }).entries === 'function' && !(value instanceof Map)) {
      // Headers and similar iterables of [name, value] pairs.
      const headers = value as { entries(): Iterable<[string, unknown]> };
      return walk(Object.fromEntries(headers.entries()), seen, depth + 1);
    }
    const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      out[String(key)] =
        SECRET_KEY.test(String(key)) && item != null ? REDACTED : walk(item, seen, depth + 1);
    }
    return out;
  };
  return (value) => walk(value, new WeakSet(), 0);
}

/** A redactor that knows no secret values, only the patterns. */
export const redact: Redactor = createRedactor();

/** The loggable parts of an error: name, message, contract code, stack and cause. */
export function serializeError(error: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { name: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) out.code = code;
  if (error.stack) out.stack = error.stack;
  if (error.cause !== undefined)
    out.cause = error.cause instanceof Error ? serializeError(error.cause) : error.cause;
  return out;
}
