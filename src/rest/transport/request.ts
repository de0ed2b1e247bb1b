import type { Dispatcher } from 'undici';
import type { ResponseHeaders } from '../limits/rate-limits.ts';
import { ReceivedBody } from './received-body.ts';

/**
 * One HTTP attempt at X: a GET bounded in time (headers and body together) and in size.
 * Failures come back as `AttemptFailure` with a kind the retry policy understands.
 */

/**
 * What one attempt obtained. The body stays bytes until its reader decodes it: the promise of an attempt
 * was made before the wait and is old by the time it settles under load, and whatever it settles with
 * lives until the next full collection; the received body keeps only a small object there (its bytes are
 * in a pooled buffer off the V8 heap, given back when read), where the decoded text of a 1,000-user page
 * would be a 633 KB string promoted by every scavenge that met it (`bench/results/history.md` §24).
 */
export interface AttemptResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  /** The body as received, decoded by its reader. */
  readonly body: ReceivedBody;
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

/**
 * Performs one GET; resolves with any HTTP status, rejects with `AttemptFailure`.
 *
 * It dispatches with a plain handler rather than undici's `request()`: the body's chunks are copied from
 * the parser straight into its `ReceivedBody`, with no stream or async iterator in between (together about
 * a tenth of a millisecond per call). The attempt settles exactly once: on the body's end, on the first
 * failure, or when the overall timer fires, which also aborts the request (at once, or as soon as undici
 * hands over its controller when the request is still queued). A failure gives the body's buffer back.
 */
export function performAttempt(options: AttemptOptions): Promise<AttemptResponse> {
  const { url, timeoutMs, maxResponseBytes } = options;
  return new Promise<AttemptResponse>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let settledWith: AttemptFailure | undefined;
    let settled = false;
    let status = 0;
    let headers: ResponseHeaders = {};
    let body: ReceivedBody | undefined;
    // Settles with a failure and aborts whatever is still running.
    const fail = (failure: AttemptFailure): void => {
      if (settled) return;
      settled = true;
      settledWith = failure;
      clearTimeout(timer);
      body?.discard();
      controller?.abort(failure);
      reject(failure);
    };
    // Settles with the failure a low-level error stands for.
    const failFrom = (error: unknown): void => {
      if (settled) return;
      fail(
        isTimeout(error)
          ? timedOut(timeoutMs, error)
          : new AttemptFailure('connection', `the connection failed (${errorCode(error)})`, error),
      );
    };
    // The timeout's error is made only when the timer fires: an Error costs a stack capture per attempt.
    const timer = setTimeout(() => fail(timedOut(timeoutMs)), timeoutMs);
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (settledWith) started.abort(settledWith);
      },
      onResponseStart(_started, statusCode, responseHeaders) {
        status = statusCode;
        headers = responseHeaders as ResponseHeaders;
        const declared = Number(responseHeaders['content-length']);
        if (Number.isFinite(declared) && declared > maxResponseBytes) fail(tooLarge(maxResponseBytes));
        else body = new ReceivedBody(Number.isSafeInteger(declared) && declared > 0 ? declared : 0);
      },
      onResponseData(_started, chunk) {
        if (settled || !body) return;
        if (body.byteLength + chunk.length > maxResponseBytes) fail(tooLarge(maxResponseBytes));
        else body.append(chunk);
      },
      onResponseEnd() {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status, headers, body: body ?? new ReceivedBody() });
      },
      onResponseError(_started, error) {
        failFrom(error);
      },
    };
    try {
      options.dispatcher.dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: 'GET',
          headers: options.headers,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        },
        handler,
      );
    } catch (error) {
      failFrom(error);
    }
  });
}

/** The failure of an attempt that ran past its time. */
function timedOut(timeoutMs: number, cause?: unknown): AttemptFailure {
  return new AttemptFailure('timeout', `no complete answer within ${timeoutMs} ms`, cause);
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
