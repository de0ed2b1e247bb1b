import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The per-request state that log lines and upstream-call reports need without threading it
 * through every function: the request id and counters, carried by an `AsyncLocalStorage`.
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

const storage = new AsyncLocalStorage<RequestContext>();

/** A client-supplied request id is kept only when it is short and made of safe characters. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The incoming id when it is safe to log and echo, else a fresh UUID. */
export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Runs `fn` with `context` as the current request context (for everything it awaits, too). */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the request being served, or `undefined` outside a request. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** A new context for a request with the given id. */
export function newRequestContext(requestId: string): RequestContext {
  return { requestId, startedAt: performance.now(), upstreamCalls: 0, cacheHits: 0 };
}
