import { GraphQLError } from 'graphql';
import type { FetchAPI, Plugin } from 'graphql-yoga';
import { DEFAULT_MAX_REQUEST_BODY_BYTES } from '../config-defaults.ts';

/**
 * The bound on a request's body (Yoga's `maxRequestBodySize`), checked where it costs nothing. A body
 * sent with a valid `Content-Length` can be no longer than declared (Node's HTTP parser reads exactly that
 * many bytes), so the header alone decides; only a body without one (chunked) is counted as it streams.
 * Yoga's own check counts every body through a `TransformStream` and a stream pipeline, about 6% of the
 * CPU of a small query, so the gateway turns it off and uses this one, with the same errors: 413
 * `REQUEST_ENTITY_TOO_LARGE`, and 400 `BAD_REQUEST` for a malformed `Content-Length`.
 */

/** Only a single non-negative integer is a valid `Content-Length` (a list is a smuggling attempt). */
const CONTENT_LENGTH = /^\d+$/;

/** The body-size plugin; register it after any plugin that adds a request parser. */
export function useRequestBodyLimit(maxBytes: number = DEFAULT_MAX_REQUEST_BODY_BYTES): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const contentLength = request.headers.get('content-length');
      if (contentLength !== null) {
        if (!CONTENT_LENGTH.test(contentLength)) throw invalidContentLength();
        if (Number(contentLength) > maxBytes) throw tooLarge(maxBytes);
        return;
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser((req) => parse(counted(req, maxBytes, fetchAPI)));
    },
  };
}

/** The request with a body that fails once more than `maxBytes` have streamed through. */
function counted(request: Request, maxBytes: number, fetchAPI: FetchAPI): Request {
  const body = request.body;
  if (!body) return request;
  let bytes = 0;
  // A native stream takes the native TransformStream, the server's ponyfill stream the ponyfill's.
  const Transform = body instanceof ReadableStream ? TransformStream : fetchAPI.TransformStream;
  const limited = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > maxBytes) controller.error(tooLarge(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: limited,
    duplex: 'half',
  } as RequestInit);
}

/** 413: the body is over the bound; the connection is closed after the answer. */
function tooLarge(maxBytes: number): GraphQLError {
  return new GraphQLError(
    `The request body is larger than ${maxBytes} byte${maxBytes === 1 ? '' : 's'} (MAX_REQUEST_BODY_BYTES). Send fewer or shorter variables.`,
    {
      // The rest of the body is never read: the connection cannot carry another request.
      extensions: {
        code: 'REQUEST_ENTITY_TOO_LARGE',
        http: { status: 413, headers: { connection: 'close' } },
      },
    },
  );
}

/** 400: the `Content-Length` header is not one non-negative integer. */
function invalidContentLength(): GraphQLError {
  return new GraphQLError('Content-Length header is invalid.', {
    extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
  });
}
