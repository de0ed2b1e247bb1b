import { suspendStackTraces } from '../util/without-stack.ts';
import type { XProblem } from './x-types.ts';

/** The stable `extensions.code` values of the public contract. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'RATE_LIMITED'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_ERROR'
  | 'QUERY_TOO_COSTLY'
  | 'SPEND_LIMITED'
  | 'OVERLOADED';

/** The part of X's problem that is safe to show a client: it never holds a token. */
export interface UpstreamProblem {
  type: string;
  title: string;
  detail?: string;
  status?: number;
}

/** Options every gateway error accepts. */
export interface GatewayErrorOptions {
  /** X's problem document, where X sent one. */
  upstream?: XProblem | UpstreamProblem;
  /** Extra, client-safe fields for `extensions`. */
  extensions?: Record<string, unknown>;
  /** The underlying failure, kept for logs only. */
  cause?: unknown;
}

/**
 * The root of the gateway's error hierarchy: a message a client may read and a contract `code`.
 * The schema layer turns each into a GraphQL error with `extensions.code` (see `src/schema/errors.ts`).
 */
export class GatewayError extends Error {
  /** The contract code. */
  readonly code: ErrorCode;
  /** X's problem (`type`, `title`, `detail`, `status`) where there is one. */
  readonly upstream: UpstreamProblem | undefined;
  /** Client-safe extension fields beyond `code` and `upstream`. */
  readonly extensions: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    // A deliberate, client-facing error needs no stack: a page of followers can carry dozens of them
    // (one per deleted pinned tweet), and capturing each stack, then formatting it when graphql-js
    // copies it, costs more than the rest of the error. `cause` keeps its own stack for the logs.
    // (`super` cannot run inside `withoutStack`'s callback, hence the explicit suspend and resume.)
    const resume = suspendStackTraces();
    try {
      super(message, options.cause === undefined ? undefined : { cause: options.cause });
    } finally {
      resume();
    }
    this.name = new.target.name;
    this.code = code;
    this.upstream = options.upstream ? pickProblem(options.upstream) : undefined;
    this.extensions = options.extensions ?? {};
  }
}

/** An argument, cursor or id that is out of range or malformed; raised before any upstream call. */
export class BadUserInputError extends GatewayError {
  constructor(message: string, options?: GatewayErrorOptions) {
    super('BAD_USER_INPUT', message, options);
  }
}

/** X reports the resource missing (`resource-not-found`). */
export class NotFoundError extends GatewayError {
  constructor(message: string, options?: GatewayErrorOptions) {
    super('NOT_FOUND', message, options);
  }
}

/** X refuses access (`not-authorized-for-resource`, `client-forbidden`, `unsupported-authentication`, 403). */
export class ForbiddenError extends GatewayError {
  constructor(message: string, options?: GatewayErrorOptions) {
    super('FORBIDDEN', message, options);
  }
}

/** X answered 401, or a user-context call has no user credentials. */
export class UnauthenticatedError extends GatewayError {
  constructor(message: string, options?: GatewayErrorOptions) {
    super('UNAUTHENTICATED', message, options);
  }
}

/** X answered 429, or the known budget is spent: carries `resetAt` (ISO 8601) and `retryAfterSeconds`. */
export class RateLimitedError extends GatewayError {
  /** When X's window resets. */
  readonly resetAt: Date;
  /** Whole seconds until `resetAt`, never negative. */
  readonly retryAfterSeconds: number;

  constructor(message: string, resetAt: Date, options: GatewayErrorOptions & { now?: number } = {}) {
    const retryAfterSeconds = Math.max(
      0,
      Math.ceil((resetAt.getTime() - (options.now ?? Date.now())) / 1000),
    );
    super('RATE_LIMITED', message, {
      ...options,
      extensions: { ...options.extensions, resetAt: resetAt.toISOString(), retryAfterSeconds },
    });
    this.resetAt = resetAt;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** An upstream attempt ran past `X_TIMEOUT_MS` and the retries were spent. */
export class UpstreamTimeoutError extends GatewayError {
  constructor(message: string, options?: GatewayErrorOptions) {
    super('UPSTREAM_TIMEOUT', message, options);
  }
}

/** X failed (5xx, dropped connection, malformed or oversized body) and the retries were spent. */
export class UpstreamError extends GatewayError {
  constructor(message: string, options?: GatewayErrorOptions) {
    super('UPSTREAM_ERROR', message, options);
  }
}

/** The query would need more upstream calls than allowed; raised before any call. */
export class QueryTooCostlyError extends GatewayError {
  constructor(message: string, options?: GatewayErrorOptions) {
    super('QUERY_TOO_COSTLY', message, options);
  }
}

/**
 * The app's X bill for the UTC day would pass `X_MAX_USD_PER_DAY` (checked before any call);
 * `extensions.resetAt` is the next UTC midnight, when X's day and the gateway's ledger start afresh.
 */
export class SpendLimitedError extends GatewayError {
  /** The next UTC midnight. */
  readonly resetAt: Date;

  constructor(message: string, resetAt: Date, options: GatewayErrorOptions = {}) {
    super('SPEND_LIMITED', message, {
      ...options,
      extensions: { ...options.extensions, resetAt: resetAt.toISOString() },
    });
    this.resetAt = resetAt;
  }
}

/** The gateway already has as many operations waiting as it allows (`MAX_QUEUED_OPERATIONS`). */
export class OverloadedError extends GatewayError {
  constructor(message: string, options?: GatewayErrorOptions) {
    super('OVERLOADED', message, options);
  }
}

/** Keeps only the RFC 7807 members of X's problem. */
function pickProblem(problem: XProblem | UpstreamProblem): UpstreamProblem {
  const picked: UpstreamProblem = { type: problem.type, title: problem.title };
  if (problem.detail !== undefined) picked.detail = problem.detail;
  if (problem.status !== undefined) picked.status = problem.status;
  return picked;
}
