/**
 * The emulator's record of the requests it received, for tests that count upstream calls.
 * Entries name the principal by kind and key only: tokens and secrets are never recorded.
 */

/** One request the emulator received and how it answered. */
export interface RequestLogEntry {
  readonly method: string;
  /** The path without the query string, e.g. `/2/users/2244994945/followers`. */
  readonly path: string;
  /** Query parameters; a parameter given several times keeps all its values. */
  readonly query: Readonly<Record<string, string | string[]>>;
  /** The authenticated caller; absent when the request had no valid credentials or never got that far. */
  readonly principal?: { readonly kind: 'app' | 'user' | 'oauth1'; readonly key: string };
  /** The rate-limit bucket (e.g. `GET /2/users/:id/followers`); absent for unknown routes. */
  readonly endpoint?: string;
  /** The status sent; 0 when a fault dropped the connection or left it hanging. */
  readonly status: number;
  /** The fault applied to this request, if any. */
  readonly fault?: 'latency' | 'status' | 'drop' | 'malformed' | 'hang';
  /** When the request arrived, in epoch milliseconds of the emulator's clock. */
  readonly time: number;
}

/** The most entries kept by default; older ones are dropped so a long-running emulator stays bounded. */
export const MAX_LOG_ENTRIES = 10_000;

/** The request log of one emulator. */
export interface RequestLog {
  /** The entries, oldest first; the same array for the emulator's whole life (cleared in place). */
  readonly entries: RequestLogEntry[];
  /** Records a request, dropping the oldest entries beyond the capacity. */
  append(entry: RequestLogEntry): void;
  /** Empties the log. */
  clear(): void;
}

/** Creates an empty log that keeps at most `capacity` entries. */
export function createRequestLog(capacity = MAX_LOG_ENTRIES): RequestLog {
  const entries: RequestLogEntry[] = [];
  return {
    entries,
    append(entry) {
      entries.push(entry);
      if (entries.length > capacity) entries.splice(0, entries.length - capacity);
    },
    clear() {
      entries.length = 0;
    },
  };
}

/** Parses a query string into the log's shape: one string per parameter, an array for repeated ones. */
export function queryRecord(search: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const name of new Set(search.keys())) {
    const values = search.getAll(name);
    record[name] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return record;
}
