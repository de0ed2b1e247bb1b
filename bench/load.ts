import { Pool } from 'undici';
import type { ArmRequest } from './workload.ts';

/**
 * A closed-loop load generator: `concurrency` workers on keep-alive connections (one each), each sending
 * the same request again as soon as the previous answer's body is read, for a fixed time. Latency is
 * measured from sending to the last byte of the body.
 */

/** Options of {@link runLoad}. */
export interface LoadOptions {
  /** Origin of the server under test. */
  readonly url: string;
  readonly request: ArmRequest;
  /** Requests in flight at any time (one connection each). */
  readonly concurrency: number;
  /** How long to keep sending, in milliseconds. */
  readonly durationMs: number;
  /** Give each request its own `Authorization: Bearer <token>`, never sent before. @default false */
  readonly distinctTokens?: boolean;
}

// Tokens never repeat within a bench process (the arms' processes live as long as it does).
let tokensSent = 0;

/** A bearer token no earlier request of this process carried. */
function freshToken(): string {
  tokensSent += 1;
  return `bench-client-${tokensSent.toString(36)}`;
}

/** What one load run measured. */
export interface LoadResult {
  /** Requests answered 200 within the run. */
  readonly requests: number;
  /** Requests answered with another status or failed on the wire. */
  readonly errors: number;
  /** The first error seen, for the report. */
  readonly firstError: string | undefined;
  /** From the first request sent to the last answer read, in milliseconds. */
  readonly elapsedMs: number;
  /** Latency of every successful request, in milliseconds, in completion order. */
  readonly latenciesMs: Float64Array;
  /** Bytes of response bodies read. */
  readonly bytes: number;
}

/** Runs the load and resolves when every worker has finished its last request. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { request, concurrency } = options;
  const pool = new Pool(options.url, {
    connections: concurrency,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
  let latencies = new Float64Array(4096);
  let requests = 0;
  let errors = 0;
  let bytes = 0;
  let firstError: string | undefined;
  const record = (ms: number): void => {
    if (requests === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[requests++] = ms;
  };
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      try {
        const answer = await pool.request({
          path: request.path,
          method: request.method,
          headers: options.distinctTokens
            ? { ...request.headers, authorization: `Bearer ${freshToken()}` }
            : request.headers,
          body: request.body,
        });
        if (answer.statusCode === 200) {
          let size = 0;
          for await (const chunk of answer.body) size += (chunk as Buffer).length;
          bytes += size;
          record(performance.now() - sent);
        } else {
          const text = await answer.body.text();
          errors++;
          firstError ??= `HTTP ${answer.statusCode}: ${text.slice(0, 200)}`;
        }
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  await pool.close();
  return { requests, errors, firstError, elapsedMs, latenciesMs: latencies.subarray(0, requests), bytes };
}

/** Sends the request once and returns the body text; throws on a status other than 200. */
export async function fetchOnce(url: string, request: ArmRequest): Promise<string> {
  const pool = new Pool(url, { connections: 1 });
  try {
    const answer = await pool.request({
      path: request.path,
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    const text = await answer.body.text();
    if (answer.statusCode !== 200) {
      throw new Error(`HTTP ${answer.statusCode} from ${url}${request.path}: ${text.slice(0, 300)}`);
    }
    return text;
  } finally {
    await pool.close();
  }
}
