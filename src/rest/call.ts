import { takeBody } from './answers/hand-over.ts';
import type { ResponseShape, XBody } from './answers/parse-response.ts';
import type { Credential } from './auth/principal.ts';
import { addCounts, billedResourcesOf, zeroCounts } from './billing/billed-resources.ts';
import type { SpendLedger } from './billing/spend-ledger.ts';
import type { AnswerCache, CallKey } from './cache/answer-cache.ts';
import type { InFlightCalls } from './cache/in-flight-calls.ts';
import { type GatewayError, RateLimitedError, UpstreamError, UpstreamTimeoutError } from './errors.ts';
import { emitEvent } from './events.ts';
import { callQuery, canonicalQuery, type FieldSets } from './query-params.ts';
import { callUpstream, type UpstreamParts } from './transport/upstream.ts';
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
  /** Emptied by the one layer that reads it (`takeBody` of `answers/hand-over.ts`). */
  body: XBody;
  readonly meta: CallMeta;
}

/**
 * What the in-flight map hands every caller of one call; emptied once every caller has read it (the
 * client's `InFlightCalls` is made with `takeBody` as its `release`).
 */
export interface InFlightAnswer {
  body: XBody;
  readonly fetchedAt: number;
  readonly stale: boolean;
  /** True when another instance's answer came from the shared cache (no call by this instance). */
  readonly hit?: boolean;
}

/** The client-wide parts a call uses: the upstream's, the response cache's levels and the in-flight map. */
export interface CallParts extends UpstreamParts {
  /** The response cache: the LRU, or the shared level wrapped around it (chosen by the client). */
  readonly answers: AnswerCache;
  readonly inFlight: InFlightCalls<InFlightAnswer>;
  /** The app's daily billing ledger: answers X sent are recorded in it, and what was new is billed. */
  readonly ledger?: SpendLedger | undefined;
}

/** Makes one call for one principal, counting it in `stats`; its events carry `tag` (`SessionAuth.tag`). */
export async function executeCall(
  ctx: CallParts,
  credential: Credential,
  spec: CallSpec,
  stats: SessionStats,
  tag?: unknown,
): Promise<CallOutcome> {
  const { principal } = credential;
  credential.authorization('GET', ctx.options.baseUrl); // fails now, before any lookup, when unusable
  const key = callKey(principal, spec);
  const served = (cache: 'hit' | 'coalesced') =>
    emitEvent(ctx.options.onCall, {
      endpoint: spec.endpoint,
      principalKind: principal.kind,
      principalKey: principal.key,
      durationMs: 0,
      attempt: 0,
      cache,
      ...(tag === undefined ? {} : { tag }),
    });

  const fresh = ctx.answers.fresh(key);
  if (fresh) {
    stats.cacheHits++;
    served('hit');
    return { body: fresh.body, meta: { source: 'hit', fetchedAt: fresh.fetchedAt } };
  }

  let attempts = 0;
  const { promise, joined } = ctx.inFlight.run(key.baseKey, spec.fields, () =>
    fetchOrStale(ctx, credential, spec, key, () => attempts++, tag),
  );
  if (joined) {
    stats.cacheHits++;
    served('coalesced');
  }
  try {
    // Read at once: the in-flight map empties the answer once every caller has resumed with it.
    const { body, fetchedAt, stale, hit } = await promise;
    if (hit && !joined) {
      stats.cacheHits++;
      served('hit');
      return { body, meta: { source: 'hit', fetchedAt } };
    }
    // The call that fetched reported the stale answer once; joiners were reported as `coalesced`.
    if (stale && !stats.staleEndpoints.includes(spec.endpoint)) stats.staleEndpoints.push(spec.endpoint);
    const source = stale ? 'stale' : joined ? 'coalesced' : 'miss';
    // Only the request whose call X answered is billed for it (joiners and stale answers cost nothing).
    if (source === 'miss' && attempts > 0 && ctx.ledger) {
      const billed = ctx.ledger.record(billedResourcesOf(spec.endpoint, body));
      addBilled(stats, billed instanceof Promise ? await billed : billed);
    }
    return { body, meta: { source, fetchedAt } };
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
export function isCached(ctx: CallParts, principal: Principal, spec: CallSpec, stale: boolean): boolean {
  return cachedBody(ctx, principal, spec, stale) !== undefined;
}

/** The body of an answer covering this call in the local response cache (as `isCached`), if any. */
export function cachedBody(
  ctx: CallParts,
  principal: Principal,
  spec: CallSpec,
  stale: boolean,
): XBody | undefined {
  return ctx.answers.peek(cacheBaseKey(principal, spec), spec.fields, stale)?.body;
}

/** The response cache's name of a call (`AnswerCache.pull` takes it). */
export function callKey(principal: Principal, spec: CallSpec): CallKey {
  return { endpoint: spec.endpoint, baseKey: cacheBaseKey(principal, spec), fields: spec.fields };
}

/** Calls X and caches the answer; on a rate limit or failure, serves a stale answer if one is held. */
async function fetchOrStale(
  ctx: CallParts,
  credential: Credential,
  spec: CallSpec,
  key: CallKey,
  onAttempt: () => void,
  tag: unknown,
): Promise<InFlightAnswer> {
  const url = buildUrl(ctx.options.baseUrl, spec);
  const upstream = () => callUpstream(ctx, credential, spec.endpoint, url, spec.shape, onAttempt, tag);
  try {
    const answer = await ctx.answers.fetch(key, upstream);
    return { body: takeBody(answer), fetchedAt: answer.fetchedAt, stale: false, hit: answer.hit };
  } catch (error) {
    const stale = isOutage(error) ? await ctx.answers.stale(key) : undefined;
    if (!stale) throw error;
    emitEvent(ctx.options.onCall, {
      endpoint: spec.endpoint,
      principalKind: credential.principal.kind,
      principalKey: credential.principal.key,
      durationMs: 0,
      attempt: 0,
      cache: 'stale',
      error: (error as GatewayError).code,
      ...(tag === undefined ? {} : { tag }),
    });
    return { body: stale.body, fetchedAt: stale.fetchedAt, stale: true };
  }
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
