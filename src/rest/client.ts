import { isIP } from 'node:net';
import { Agent, type Dispatcher, interceptors } from 'undici';
import { takeBody } from './answers/hand-over.ts';
import { type ConfiguredCredentials, principalKey, resolveCredential } from './auth/principal.ts';
import { SpendLedger } from './billing/spend-ledger.ts';
import { type AnswerCache, LocalAnswerCache } from './cache/answer-cache.ts';
import { InFlightCalls } from './cache/in-flight-calls.ts';
import { ResponseCache } from './cache/response-cache.ts';
import { SharedAnswerCache } from './cache/shared-answer-cache.ts';
import type { CallParts, InFlightAnswer } from './call.ts';
import { type RateLimitBudget, RateLimitTracker } from './limits/rate-limits.ts';
import { SharedRateLimits } from './limits/shared-rate-limits.ts';
import { resolveOptions, type XClientOptions } from './options.ts';
import { ClientSession } from './session.ts';
import type { RateLimitState, XSession } from './x-api.ts';

/**
 * The X API v2 client: one per process, shared by every request. It owns the undici dispatcher, the
 * response cache, the in-flight map and the rate-limit budget (each wrapped by the shared level when a
 * `sharedStore` is given); each request gets its own `XSession`.
 */

/** What a request brings: its own OAuth 2.0 user token, if the client sent one. */
export interface SessionAuth {
  /** The token of the request's `Authorization: Bearer` header, sent upstream instead of the app's. */
  readonly userToken?: string | undefined;
  /**
   * An opaque value put on every `UpstreamCallEvent` of the session (`event.tag`), so the `onCall`
   * listener knows whose call it reports; never read by the client. @default undefined
   */
  readonly tag?: unknown;
}

/** The client. */
export interface XClient {
  /**
   * A per-request view bound to one principal: the request's own token when given (`user`), else
   * OAuth 1.0a when configured (`oauth1`), else the app bearer token (`app`). With none of them every
   * call fails with `UNAUTHENTICATED` naming what to configure.
   */
  session(auth?: SessionAuth): XSession;
  /** The known rate-limit state of one principal (by `Principal.key`), one entry per endpoint seen. */
  rateLimitsFor(principalKey: string): RateLimitState[];
  /**
   * Like `rateLimitsFor`, after taking in the state every instance shares (with `REDIS_URL`): the budget
   * the demand planner should price a query against. Without a shared level it is `rateLimitsFor`.
   */
  sharedRateLimitsFor(principalKey: string): Promise<RateLimitState[]>;
  /** Whether a shared level (`sharedStore`: Redis with `REDIS_URL`) backs the client. */
  readonly shared: boolean;
  /**
   * Resolves once the shared level (Redis) is connected, or after `timeoutMs`, with whether it is; true
   * at once without one. The client serves meanwhile, in-process only.
   */
  sharedReady(timeoutMs?: number): Promise<boolean>;
  /** Closes the dispatcher when the client created it; an injected dispatcher and the shared store are left to their owners. */
  close(): Promise<void>;
}

/** Creates the client; throws `TypeError` naming a bad option. */
export function createXClient(options: XClientOptions): XClient {
  const resolved = resolveOptions(options);
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher =
    options.dispatcher ?? createDefaultDispatcher({ dnsCache: !isIpAddress(resolved.baseUrl.hostname) });
  const store = options.sharedStore;
  // The shared level, when there is one, wraps the in-process cache and budget: chosen here, once.
  const tracker = new RateLimitTracker(resolved.now);
  const budget: RateLimitBudget = store ? new SharedRateLimits(tracker, store) : tracker;
  const local = new LocalAnswerCache(
    new ResponseCache({
      ttlMs: resolved.cacheTtlMs,
      staleMs: resolved.cacheStaleMs,
      // With a shared level, the LRU is its small first level.
      maxBytes: store ? resolved.localCacheMaxBytes : resolved.cacheMaxBytes,
      now: resolved.now,
    }),
  );
  // With a TTL of 0 there is no shared answer to wait for: calls skip the lock (the budget stays shared).
  const answers: AnswerCache =
    store && resolved.cacheTtlMs > 0
      ? new SharedAnswerCache(local, {
          store,
          lockTtlMs: resolved.sharedLockTtlMs,
          lockWaitMs: resolved.sharedLockWaitMs,
          onShared: options.onShared,
          ttlMs: resolved.cacheTtlMs,
          staleMs: resolved.cacheStaleMs,
          now: resolved.now,
        })
      : local;
  const ctx: CallParts = {
    options: resolved,
    dispatcher,
    budget,
    answers,
    inFlight: new InFlightCalls<InFlightAnswer>({ release: takeBody }),
    ledger: new SpendLedger({
      store,
      appKey: appKeyOf(options),
      now: resolved.now,
      ...(options.ledgerMaxEntries === undefined ? {} : { maxEntries: options.ledgerMaxEntries }),
    }),
  };
  // OAuth 1.0a timestamps follow the client's clock, so a test clock signs at the time it shows.
  const oauth1Params = () => ({ timestamp: Math.floor(resolved.now() / 1000), ...options.oauth1Nonce?.() });
  const credentials: ConfiguredCredentials = { bearerToken: options.bearerToken, oauth1: options.oauth1 };
  return {
    session: (auth = {}) =>
      new ClientSession(ctx, resolveCredential(credentials, auth.userToken, oauth1Params), auth.tag),
    rateLimitsFor: (principalKey) => budget.list(principalKey),
    sharedRateLimitsFor: (principalKey) => budget.current(principalKey),
    shared: store !== undefined,
    sharedReady: async (timeoutMs = 2000) => (store ? store.ready(timeoutMs) : true),
    close: async () => {
      if (ownsDispatcher) await dispatcher.close();
    },
  };
}

/**
 * The key of the X app in the shared spend ledger: a hash of the app's OAuth 1.0a consumer key, else of
 * its bearer token (instances configured alike share one ledger); `app` when neither is configured.
 */
function appKeyOf(options: XClientOptions): string {
  const material = options.oauth1?.consumerKey ?? options.bearerToken;
  return material ? principalKey('app', `ledger:${material}`) : 'app';
}

/**
 * The one shared undici dispatcher of the client: a keep-alive connection pool per origin, with DNS
 * answers cached by undici's `dns` interceptor. Tests replace it with a `MockAgent`.
 */

/** Options of the default dispatcher. */
export interface DispatcherOptions {
  /** Connections kept per origin. @default 16 */
  readonly connections?: number;
  /** How long an idle connection is kept open. @default 30000 */
  readonly keepAliveTimeoutMs?: number;
  /** Cache DNS answers (undici's `dns` interceptor); needless for an origin that is an IP address. @default true */
  readonly dnsCache?: boolean;
}

/** Creates the default dispatcher; the client closes it in `close()`. */
export function createDefaultDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const agent = new Agent({
    connections: options.connections ?? 16,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    keepAliveMaxTimeout: 10 * 60_000,
  });
  if (options.dnsCache === false) return agent;
  // IPv4 first (IPv6 when a host has no IPv4 address, or refuses on IPv4): one family keeps one pool warm.
  return agent.compose(interceptors.dns({ maxTTL: 60_000, dualStack: true, affinity: 4 }));
}

/** Is a URL's hostname an IP address (`127.0.0.1`, `[::1]`), which no DNS lookup resolves? */
function isIpAddress(hostname: string): boolean {
  return isIP(hostname.replace(/^\[(.*)\]$/, '$1')) !== 0;
}
