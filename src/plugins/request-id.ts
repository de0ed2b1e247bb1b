import type { Plugin } from 'graphql-yoga';
import {
  currentRequestContext,
  newRequestContext,
  type RequestContext,
  requestIdFrom,
  runWithRequestContext,
} from '../observability/request-context.ts';

/**
 * Gives every HTTP request an id (the client's safe `x-request-id`, or a new UUID), runs the whole
 * request inside its `RequestContext` so logs and upstream calls carry the id, and echoes the id in
 * the `x-request-id` response header.
 */

/** The request header read and the response header written. */
export const REQUEST_ID_HEADER = 'x-request-id';

const contexts = new WeakMap<Request, RequestContext>();

/** The context of a request this plugin has seen (falls back to the async context). */
export function requestContextOf(request: Request): RequestContext | undefined {
  return contexts.get(request) ?? currentRequestContext();
}

/** The request-id plugin; register it first so every other hook runs inside the context. */
export function useRequestId(): Plugin {
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const context = newRequestContext(requestIdFrom(request.headers.get(REQUEST_ID_HEADER)));
        contexts.set(request, context);
        return runWithRequestContext(context, wrapped);
      },
    },
    onResponse({ request, response }) {
      const context = requestContextOf(request);
      if (context) response.headers.set(REQUEST_ID_HEADER, context.requestId);
    },
  };
}
