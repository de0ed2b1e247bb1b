import { ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { AnswerResponse } from '../answer-response.ts';

/**
 * Gives a large answer's buffer back to the pool (`AnswerResponse.releaseBytes`) once Node's `http` is done
 * with it: its response's `close`, which Node emits after the last write has been handed to the socket,
 * or when the connection is gone (a write still pending is then cancelled, never performed). Until then
 * the buffer is the body being written and no other answer may take it.
 *
 * Only answers served through Node's `http` (`serverContext.res` an `http.ServerResponse`) are given
 * back; any other (`yoga.fetch`, another adapter, a response already closed) keeps its buffer, which the
 * collector frees with it. Registered before compression, so it sees the answer that was encoded even
 * when a compressed copy replaces it.
 */
export function useAnswerBytesReturn(): Plugin {
  return {
    onResponse({ response, serverContext }) {
      if (!(response instanceof AnswerResponse)) return;
      const res = (serverContext as { readonly res?: unknown } | undefined)?.res;
      if (!(res instanceof ServerResponse) || res.destroyed) return;
      res.once('close', () => response.releaseBytes());
    },
  };
}
