import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * `HEAD` answered like `GET` (RFC 9110 §9.3.2): the handler sees a `GET`, and Node's response, created
 * for a `HEAD`, sends that answer's status and headers (`Content-Length` included) without its body. Yoga
 * itself knows only `GET` and `POST` (a `HEAD /graphql` would be `406`).
 */

/** A Node request listener. */
export type RequestListener = (request: IncomingMessage, response: ServerResponse) => unknown;

/** Wraps `listener` so that a `HEAD` request is handled as its `GET`. */
export function answerHeadLikeGet(listener: RequestListener): RequestListener {
  return (request, response) => {
    // Node decided when it created `response` that a HEAD answer has no body; the method is ours now.
    if (request.method === 'HEAD') request.method = 'GET';
    return listener(request, response);
  };
}
