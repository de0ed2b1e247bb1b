import type { Plugin } from 'graphql-yoga';
import { newRequestContext, type RequestContext, requestIdFrom } from '../observability/request-context.ts';

/**
 * Gives every HTTP request an id (the client's safe `x-request-id`, or a new UUID) and its
 * `RequestContext`, kept per `Request` (`requestContextOf`: the access log, the GraphQL context factory
 * that tags the request's REST session with it), and echoes the id in the `x-request-id` response header.
 */

/** The request header read and the response header written. */
export const REQUEST_ID_HEADER = 'x-request-id';

const contexts = new WeakMap<Request, RequestContext>();

/** The context of a request this plugin has seen. */
export function requestContextOf(request: Request): RequestContext | undefined {
  return contexts.get(request);
}

/** The request-id plugin; register it first so every other hook finds the request's context. */
export function useRequestId(): Plugin {
  return {
    instrumentation: {
      request({ request }, wrapped) {
        contexts.set(request, newRequestContext(requestIdFrom(request.headers.get(REQUEST_ID_HEADER))));
        return wrapped();
      },
    },
    onResponse({ request, response }) {
      const context = requestContextOf(request);
      if (context) response.headers.set(REQUEST_ID_HEADER, context.requestId);
    },
  };
}
