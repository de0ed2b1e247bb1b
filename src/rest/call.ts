import { addCounts, billedResourcesOf, zeroCounts } from './billed-resources.ts';
import { type GatewayError, RateLimitedError, UpstreamError, UpstreamTimeoutError } from './errors.ts';
import { emitEvent } from './events.ts';
import { callQuery, canonicalQuery, type FieldSets } from './params.ts';
import type { ResponseShape, XBody } from './parse-response.ts';
import type { Credential } from './principal.ts';
import { covers, type ResponseCache } from './response-cache.ts';
import { fetchShared, readSharedAnswer, type SharedCallContext } from './shared-call.ts';
import { emitSharedEvent } from './shared-store.ts';
import type { SpendLedger } from './spend-ledger.ts';
import { callUpstream, type UpstreamContext } from './upstream.ts';
import type { CallMeta, Endpoint, Principal, ResourceCounts, SessionStats } from './x-api.ts';

/**
 * One call as a session makes it: the response cache first, then a call already in flight whose fields cover this one's,
 * then X itself; when X rate limits or fails, a stale cached answer (within the stale bound) instead
 * of the error. Cache keys are `principal key | endpoint | path?params | fields`: never a token.
 */

/** A call, fully validated and normalised. */
export interface CallSpec {
  readonly endpoint: Endpoint;
  /** The concrete path, e.g. `/2/users/2244994945/followers`. */
  readonly path: string;
  /** Non-field query parameters (`ids`, `usernames`, `max_results`, `pagination_token`). */
  readonly params: Readonly<Record<string, string>>;
  /** Field-list parameters, sorted and de-duplicated. */
  readonly fields: FieldSets;
  readonly shape: ResponseShape;
}

/** An answer and how it was obtained. */
export interface CallOutcome {
  readonly body: XBody;
  readonly meta: CallMeta;
}

/** What the in-flight map shares between identical calls. */
export interface SharedAnswer {
  readonly body: XBody;
  readonly fetchedAt: number;
  readonly stale: boolean;
  /** True when another instance's answer came from the shared cache (no call by this instance). */
  readonly hit?: boolean;
}

/** The client-wide parts a call uses. */
export interface CallContext extends UpstreamContext {
  readonly cache: ResponseCache;
  readonly inFlight: InFlightCalls<SharedAnswer>;
  /** The app's daily billing ledger: answers X sent are recorded in it, and what was new is billed. */
  readonly ledger?: SpendLedger | undefined;
}

/** Makes one call for one principal, counting it in `stats`. */
export async function executeCall(
  ctx: CallContext,
  credential: Credential,
  spec: CallSpec,
  stats: SessionStats,
): Promise<CallOutcome> {
  const { principal } = credential;
  credential.authorization('GET', ctx.options.baseUrl); // fails now, before any lookup, when unusable
  const baseKey = cacheBaseKey(principal, spec);
  const served = (cache: 'hit' | 'coalesced') =>
    emitEvent(ctx.options.onCall, {
      endpoint: spec.endpoint,
      principalKind: principal.kind,
      principalKey: principal.key,
      durationMs: 0,
      attempt: 0,
      cache,
    });

  const fresh = ctx.cache.fresh(baseKey, spec.fields);
  if (fresh) {
    stats.cacheHits++;
    served('hit');
    if (ctx.shared) {
      const level = ctx.shared.pulledAhead.delete(fresh) ? 'shared' : 'local';
      emitSharedEvent(ctx.shared.onShared, { kind: 'hit', level, endpoint: spec.endpoint });
    }
    return { body: fresh.body, meta: { source: 'hit', fetchedAt: fresh.fetchedAt } };
  }

  let attempts = 0;
  const { promise, joined } = ctx.inFlight.run(baseKey, spec.fields, () =>
    fetchOrStale(ctx, credential, spec, baseKey, () => attempts++),
  );
  if (joined) {
    stats.cacheHits++;
    served('coalesced');
  }
  try {
    const answer = await promise;
    if (answer.hit && !joined) {
      stats.cacheHits++;
      served('hit');
      return { body: answer.body, meta: { source: 'hit', fetchedAt: answer.fetchedAt } };
    }
    // The call that fetched reported the stale answer once; joiners were reported as `coalesced`.
    if (answer.stale && !stats.staleEndpoints.includes(spec.endpoint))
      stats.staleEndpoints.push(spec.endpoint);
    const source = answer.stale ? 'stale' : joined ? 'coalesced' : 'miss';
    // Only the request whose call X answered is billed for it (joiners and stale answers cost nothing).
    if (source === 'miss' && attempts > 0 && ctx.ledger) {
      const billed = ctx.ledger.record(billedResourcesOf(spec.endpoint, answer.body));
      addBilled(stats, billed instanceof Promise ? await billed : billed);
    }
    return { body: answer.body, meta: { source, fetchedAt: answer.fetchedAt } };
  } finally {
    if (!joined && attempts > 0) stats.upstreamCalls++;
  }
}

/** Adds what one answer billed to a session's counters. */
function addBilled(stats: SessionStats, billed: ResourceCounts): void {
  stats.billed ??= zeroCounts();
  addCounts(stats.billed, billed);
}

/** The response cache's key of a call, without its field lists: never a token. */
function cacheBaseKey(principal: Principal, spec: CallSpec): string {
  return `${principal.key}|${spec.endpoint}|${spec.path}?${canonicalQuery(spec.params)}`;
}

/**
 * Is an answer covering this call in the local response cache: fresh, or with `stale` within the stale
 * bound? Read-only: counts and emits nothing.
 */
export function isCached(ctx: CallContext, principal: Principal, spec: CallSpec, stale: boolean): boolean {
  return cachedBody(ctx, principal, spec, stale) !== undefined;
}

/** The body of an answer covering this call in the local response cache (as `isCached`), if any. */
export function cachedBody(
  ctx: CallContext,
  principal: Principal,
  spec: CallSpec,
  stale: boolean,
): XBody | undefined {
  const key = cacheBaseKey(principal, spec);
  return (stale ? ctx.cache.stale(key, spec.fields) : ctx.cache.fresh(key, spec.fields))?.body;
}

/**
 * Copies the shared level's newest answer covering this call (within the stale bound) into the local
 * cache, so `isCached` sees answers another instance fetched. Without a shared level, does nothing.
 */
export async function loadShared(ctx: CallContext, principal: Principal, spec: CallSpec): Promise<void> {
  const shared = sharedCallContext(ctx);
  const keepMs = Math.max(ctx.options.cacheTtlMs, ctx.options.cacheStaleMs);
  if (!shared) return;
  const pulled = await readSharedAnswer(shared, cacheBaseKey(principal, spec), spec.fields, keepMs);
  if (pulled) shared.shared.pulledAhead.add(pulled);
}

/** Calls X and caches the answer; on a rate limit or failure, serves a stale answer if one is held. */
async function fetchOrStale(
  ctx: CallContext,
  credential: Credential,
  spec: CallSpec,
  baseKey: string,
  onAttempt: () => void,
): Promise<SharedAnswer> {
  const url = buildUrl(ctx.options.baseUrl, spec);
  const upstream = () => callUpstream(ctx, credential, spec.endpoint, url, spec.shape, onAttempt);
  const shared = sharedCallContext(ctx);
  try {
    if (shared) {
      const { answer, shared: hit } = await fetchShared(
        shared,
        spec.endpoint,
        baseKey,
        spec.fields,
        upstream,
      );
      // A shared hit is already in the LRU (`readSharedAnswer` puts it there).
      if (!hit) ctx.cache.store(baseKey, { fields: spec.fields, ...answer });
      return { body: answer.body, fetchedAt: answer.fetchedAt, stale: false, hit };
    }
    const answer = await upstream();
    ctx.cache.store(baseKey, { fields: spec.fields, ...answer });
    return { body: answer.body, fetchedAt: answer.fetchedAt, stale: false };
  } catch (error) {
    const staleMs = Math.max(ctx.options.cacheTtlMs, ctx.options.cacheStaleMs);
    const stale = !isOutage(error)
      ? undefined
      : (ctx.cache.stale(baseKey, spec.fields) ??
        (shared ? await readSharedAnswer(shared, baseKey, spec.fields, staleMs) : undefined));
    if (!stale) throw error;
    emitEvent(ctx.options.onCall, {
      endpoint: spec.endpoint,
      principalKind: credential.principal.kind,
      principalKey: credential.principal.key,
      durationMs: 0,
      attempt: 0,
      cache: 'stale',
      error: (error as GatewayError).code,
    });
    return { body: stale.body, fetchedAt: stale.fetchedAt, stale: true };
  }
}

/**
 * The shared level's view of the client context, when a shared store is configured and answers are
 * cached: with a TTL of 0 there is no shared answer to wait for, so calls skip the lock (the rate-limit
 * state is still shared, in `callUpstream`).
 */
function sharedCallContext(ctx: CallContext): SharedCallContext | undefined {
  if (!ctx.shared || ctx.options.cacheTtlMs <= 0) return undefined;
  const { options } = ctx;
  return {
    shared: ctx.shared,
    cache: ctx.cache,
    ttlMs: options.cacheTtlMs,
    staleMs: options.cacheStaleMs,
    now: options.now,
  };
}

/** Failures that a stale answer may stand in for: X rate limiting, failing or timing out. */
function isOutage(error: unknown): boolean {
  return (
    error instanceof RateLimitedError ||
    error instanceof UpstreamError ||
    error instanceof UpstreamTimeoutError
  );
}

/** The request URL: the base URL's path prefix, the call's path, then every parameter in canonical order. */
export function buildUrl(baseUrl: URL, spec: CallSpec): URL {
  const prefix = baseUrl.pathname.replace(/\/+$/, '');
  const query = callQuery(spec.params, spec.fields);
  return new URL(`${prefix}${spec.path}${query ? `?${query}` : ''}`, baseUrl.origin);
}

/*
 * Coalescing of in-flight calls: while one upstream call is running, every other call of the same
 * principal, endpoint and parameters whose fields it covers waits for it instead of making its own
 * (identical calls always do). The entry is removed as soon as the call settles, success or failure, so
 * a later call never sees a settled promise from here: caching answers is the response cache's job, and
 * a failure is shared only with the calls that overlapped it.
 */

/** The promise of a call, and whether this caller joined one already running. */
export interface Coalesced<T> {
  readonly promise: Promise<T>;
  readonly joined: boolean;
}

/** In-flight calls grouped by base key (principal, endpoint, path and non-field parameters). */
export class InFlightCalls<T> {
  readonly #running = new Map<string, { readonly fields: FieldSets; readonly promise: Promise<T> }[]>();

  /** Joins a running call of `baseKey` whose fields cover `fields`, or starts `start()` as a new one. */
  run(baseKey: string, fields: FieldSets, start: () => Promise<T>): Coalesced<T> {
    const group = this.#running.get(baseKey) ?? [];
    const covering = group.find((call) => covers(call.fields, fields));
    if (covering) return { promise: covering.promise, joined: true };
    const promise = start().finally(() => {
      const rest = (this.#running.get(baseKey) ?? []).filter((call) => call.promise !== promise);
      if (rest.length > 0) this.#running.set(baseKey, rest);
      else this.#running.delete(baseKey);
    });
    this.#running.set(baseKey, [...group, { fields, promise }]);
    return { promise, joined: false };
  }

  /** How many calls are in flight. */
  get size(): number {
    let count = 0;
    for (const group of this.#running.values()) count += group.length;
    return count;
  }
}
