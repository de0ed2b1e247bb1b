import type { Dispatcher } from 'undici';
import type { ResponseHeaders } from './rate-limits.ts';

/**
 * One HTTP attempt at X: a GET bounded in time (headers and body together) and in size.
 * Failures come back as `AttemptFailure` with a kind the retry policy understands.
 */

/** What one attempt obtained. */
export interface AttemptResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: string;
}

/** Why an attempt got no usable response. */
export type AttemptFailureKind = 'timeout' | 'connection' | 'too-large';

/** An attempt that ended without a usable response. Its message never holds a header or URL. */
export class AttemptFailure extends Error {
  readonly kind: AttemptFailureKind;

  constructor(kind: AttemptFailureKind, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause: safeCause(cause) });
    this.name = 'AttemptFailure';
    this.kind = kind;
  }
}

/** One attempt's inputs. */
export interface AttemptOptions {
  readonly dispatcher: Dispatcher;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
}

/** Performs one GET; resolves with any HTTP status, rejects with `AttemptFailure`. */
export async function performAttempt(options: AttemptOptions): Promise<AttemptResponse> {
  const { url, timeoutMs, maxResponseBytes } = options;
  const controller = new AbortController();
  // The timeout's error is made only when the timer fires: an Error costs a stack capture per attempt.
  const timedOut = (cause?: unknown): AttemptFailure =>
    new AttemptFailure('timeout', `no complete answer within ${timeoutMs} ms`, cause);
  const timer = setTimeout(() => controller.abort(timedOut()), timeoutMs);
  try {
    const response = await options.dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: options.headers,
      signal: controller.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxResponseBytes) {
      response.body.destroy();
      throw tooLarge(maxResponseBytes);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > maxResponseBytes) {
        response.body.destroy();
        throw tooLarge(maxResponseBytes);
      }
      chunks.push(buffer);
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
  } catch (error) {
    if (error instanceof AttemptFailure) throw error;
    if (controller.signal.aborted) throw controller.signal.reason;
    if (isTimeout(error)) throw timedOut(error);
    throw new AttemptFailure('connection', `the connection failed (${errorCode(error)})`, error);
  } finally {
    clearTimeout(timer);
  }
}

/** The failure for an answer larger than the bound. */
function tooLarge(maxResponseBytes: number): AttemptFailure {
  return new AttemptFailure('too-large', `the answer is larger than ${maxResponseBytes} bytes`);
}

/** undici's own header/body timeouts. */
function isTimeout(error: unknown): boolean {
  const code = errorCode(error);
  return (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  );
}

/** A short, header-free name of a low-level error (`ECONNRESET`, `UND_ERR_SOCKET`, ...). */
function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (typeof code === 'string') return code;
    if (typeof name === 'string') return name;
  }
  return 'unknown error';
}

/** Keeps only the code and message of a low-level error, so no request detail rides along in logs. */
function safeCause(cause: unknown): Error {
  const message = cause instanceof Error ? cause.message : String(cause);
  const safe = new Error(`${errorCode(cause)}: ${message}`);
  safe.name = 'UpstreamCause';
  return safe;
}
