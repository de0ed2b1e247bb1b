import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { errorForClientStatus, errorForServerStatus, readProblem } from '../answers/map-errors.ts';
import { parseBody, type ResponseShape, type UpstreamAnswer } from '../answers/parse-response.ts';
import type { Credential } from '../auth/principal.ts';
import { type GatewayError, RateLimitedError, UpstreamError, UpstreamTimeoutError } from '../errors.ts';
import { emitEvent, type UpstreamCallEvent } from '../events.ts';
import { documentedLimit } from '../limits/documented-limits.ts';
import { type RateLimitBudget, resetTimeOf } from '../limits/rate-limits.ts';
import type { ResolvedOptions } from '../options.ts';
import type { Endpoint } from '../x-api.ts';
import { AttemptFailure, type AttemptFailureKind, type AttemptResponse, performAttempt } from './request.ts';

/**
 * One logical upstream call: attempts, retries with backoff, rate-limit bookkeeping and the mapping of
 * X's answer to a validated body or a `GatewayError`. Every attempt reports one event.
 * Retry policy of these idempotent GETs: retry after a 5xx, a dropped connection or a timeout, never
 * after another 4xx or an oversized answer; wait with exponential backoff and full jitter in between.
 */

/** Backoff parameters. */
export interface BackoffOptions {
  /** The first retry waits up to this long. @default 100 */
  readonly baseMs?: number;
  /** No wait is longer than this. @default 2000 */
  readonly capMs?: number;
}

/** Whether an HTTP status is worth another attempt. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 && status <= 599;
}

/** Whether an attempt failure is worth another attempt. */
export function isRetryableFailure(kind: AttemptFailureKind): boolean {
  return kind === 'timeout' || kind === 'connection';
}

/**
 * The wait before retry number `retry` (1 for the first retry): a uniform draw from
 * [0, min(cap, base * 2^(retry-1))) — "full jitter", which spreads retries of many callers apart.
 */
export function backoffMs(retry: number, random: () => number, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? 100;
  const capMs = options.capMs ?? 2000;
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(Math.min(0.999999, Math.max(0, random())) * ceiling);
}

/** What an upstream call needs from the client: its options, the connection pool and the budget. */
export interface UpstreamParts {
  readonly options: ResolvedOptions;
  readonly dispatcher: Dispatcher;
  /** The rate-limit budget: in-process, or the shared level's wrapped around it (chosen by the client). */
  readonly budget: RateLimitBudget;
}

/**
 * Calls X until it answers usefully, the retries are spent, or the failure is not worth a retry; every
 * attempt's event carries `tag` (the calling session's `SessionAuth.tag`).
 */
export async function callUpstream(
  ctx: UpstreamParts,
  credential: Credential,
  endpoint: Endpoint,
  url: URL,
  shape: ResponseShape,
  onAttempt: () => void,
  tag?: unknown,
): Promise<UpstreamAnswer> {
  const { options, budget } = ctx;
  const { principal } = credential;
  const report = (
    event: Omit<UpstreamCallEvent, 'endpoint' | 'principalKind' | 'principalKey' | 'cache' | 'tag'>,
  ) => {
    if (!options.onCall) return;
    const state = budget.get(principal.key, endpoint);
    const rateLimit = state && {
      limit: state.limit,
      remaining: state.remaining,
      resetAt: state.resetAt.toISOString(),
    };
    emitEvent(options.onCall, {
      endpoint,
      principalKind: principal.kind,
      principalKey: principal.key,
      cache: 'miss',
      ...event,
      ...(rateLimit ? { rateLimit } : {}),
      ...(tag === undefined ? {} : { tag }),
    });
  };

  const limit = documentedLimit(endpoint, principal.kind);
  for (let attempt = 1; ; attempt++) {
    // Every attempt is a request X counts: it is taken from the budget first. A spent budget fails fast
    // (or is waited out when its reset is near) without an attempt, so without a `miss` event: `miss`
    // always means a request went to X.
    await reserveAttempt(ctx, principal.key, endpoint, limit);
    const headers = {
      authorization: credential.authorization('GET', url),
      accept: 'application/json',
      'user-agent': 'x-graphql-gateway',
    };
    onAttempt();
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const canRetry = attempt <= options.maxRetries;
    let response: AttemptResponse;
    try {
      response = await performAttempt({
        dispatcher: ctx.dispatcher,
        url,
        headers,
        timeoutMs: options.timeoutMs,
        maxResponseBytes: options.maxResponseBytes,
      });
    } catch (error) {
      if (!(error instanceof AttemptFailure)) throw error;
      const retry = canRetry && isRetryableFailure(error.kind);
      const failure = failureError(error, endpoint, attempt, options.timeoutMs);
      report({ durationMs: elapsed(), attempt, error: failure.code, willRetry: retry });
      if (!retry) throw failure;
      await options.sleep(backoffMs(attempt, options.random));
      continue;
    }

    const { status } = response;
    if (status !== 429) {
      const taken = budget.answered(principal.key, endpoint, response.headers);
      if (taken) await taken;
    }
    if (status >= 200 && status < 300) {
      try {
        const body = parseBody(response.body.takeText(), endpoint, shape);
        report({ status, durationMs: elapsed(), attempt });
        return { body, fetchedAt: options.now(), bytes: response.body.byteLength };
      } catch (error) {
        report({ status, durationMs: elapsed(), attempt, error: (error as GatewayError).code });
        throw error;
      }
    }
    const problem = readProblem(response.body.takeText());
    if (status === 429) {
      const resetAt = resetTimeOf(response.headers, options.now());
      const taken = budget.refused(principal.key, endpoint, response.headers, resetAt);
      if (taken) await taken;
      const wait = canRetry && resetAt.getTime() - options.now() <= options.rateLimitFailFastMs;
      report({ status, durationMs: elapsed(), attempt, error: 'RATE_LIMITED', willRetry: wait });
      await waitOrFail(ctx, endpoint, wait ? resetAt : undefined, { resetAt, problem });
      // A reset already past (clocks disagree) still waits a backoff, so X is not asked again at once.
      if (resetAt.getTime() <= options.now()) await options.sleep(backoffMs(attempt, options.random));
      continue;
    }
    const retry = canRetry && isRetryableStatus(status);
    const failure = isRetryableStatus(status)
      ? errorForServerStatus(status, problem, endpoint)
      : errorForClientStatus(status, problem, endpoint);
    report({ status, durationMs: elapsed(), attempt, error: failure.code, willRetry: retry });
    if (!retry) throw failure;
    await options.sleep(backoffMs(attempt, options.random));
  }
}

/**
 * Takes one request from the budget before an attempt, or waits for the window to reset (once, when the
 * reset is within the fail-fast bound) and takes it then; throws `RATE_LIMITED` when it cannot.
 */
async function reserveAttempt(
  ctx: UpstreamParts,
  principalKey: string,
  endpoint: Endpoint,
  limit: number,
): Promise<void> {
  for (let tries = 1; ; tries++) {
    const reserved = ctx.budget.reserve(principalKey, endpoint, limit);
    const reservation = reserved instanceof Promise ? await reserved : reserved;
    if (reservation.taken) return;
    await waitOrFail(ctx, endpoint, tries === 1 ? reservation.state.resetAt : undefined, {
      resetAt: reservation.state.resetAt,
      problem: undefined,
    });
  }
}

/**
 * Waits until `until` when it is within the fail-fast bound, else throws `RATE_LIMITED`.
 * With `until` undefined (no wait allowed), throws at once with the 429's reset time.
 */
async function waitOrFail(
  ctx: UpstreamParts,
  endpoint: Endpoint,
  until: Date | undefined,
  limited: { resetAt: Date; problem: ReturnType<typeof readProblem> } | undefined,
): Promise<void> {
  const now = ctx.options.now();
  if (until && until.getTime() - now <= ctx.options.rateLimitFailFastMs) {
    await ctx.options.sleep(Math.max(0, until.getTime() - now));
    return;
  }
  const resetAt = until ?? limited?.resetAt ?? new Date(now);
  throw new RateLimitedError(
    `X's rate limit for ${endpoint} is spent until ${resetAt.toISOString()}.`,
    resetAt,
    {
      now,
      ...(limited?.problem ? { upstream: limited.problem } : {}),
    },
  );
}

/** The error an attempt failure ends the call with. */
function failureError(failure: AttemptFailure, endpoint: Endpoint, attempts: number, timeoutMs: number) {
  if (failure.kind === 'timeout') {
    return new UpstreamTimeoutError(
      `X did not answer ${endpoint} within ${timeoutMs} ms (${attempts} attempt${attempts === 1 ? '' : 's'}).`,
      { cause: failure },
    );
  }
  if (failure.kind === 'too-large') {
    return new UpstreamError(`X answered ${endpoint} with a body too large: ${failure.message}.`, {
      cause: failure,
    });
  }
  return new UpstreamError(`X could not be reached for ${endpoint}: ${failure.message}.`, { cause: failure });
}
