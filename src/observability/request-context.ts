import { randomUUID } from 'node:crypto';

/**
 * The per-request state that log lines and upstream-call reports need: the request id and counters.
 * It is passed explicitly, never held in ambient async state (an `AsyncLocalStorage` that has been run
 * makes every promise of the process pay for promise hooks): the request-id plugin keeps it per `Request`
 * (`requestContextOf`), the GraphQL context factory hands it to the request's REST session as its tag,
 * which the client puts on every upstream event, and lines of a request name its `requestId` themselves.
 */

/** What is known about the request being served. */
export interface RequestContext {
  /** The request id: the client's safe `x-request-id`, or a generated UUID. */
  readonly requestId: string;
  /** `performance.now()` when the request arrived. */
  readonly startedAt: number;
  /** Upstream attempts made for this request (cache answers not counted). */
  upstreamCalls: number;
  /** Answers served from the cache or a shared in-flight call. */
  cacheHits: number;
  /** The GraphQL operation name, once parsed. */
  operationName?: string;
}

/** A client-supplied request id is kept only when it is short and made of safe characters. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The incoming id when it is safe to log and echo, else a fresh UUID. */
export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** A new context for a request with the given id. */
export function newRequestContext(requestId: string): RequestContext {
  return { requestId, startedAt: performance.now(), upstreamCalls: 0, cacheHits: 0 };
}

/** The request context an upstream event's tag carries (`SessionAuth.tag`), if it is one. */
export function requestContextOfTag(tag: unknown): RequestContext | undefined {
  return tag instanceof Object && typeof (tag as RequestContext).requestId === 'string'
    ? (tag as RequestContext)
    : undefined;
}
