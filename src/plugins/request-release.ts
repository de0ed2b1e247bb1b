import type { ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.ts';
import { releaseResult } from '../util/release-result.ts';

/*
 * Letting go of what a request read once it is answered. Under load a request waits for X, then for its
 * turn, across many young-generation collections (scavenges), so everything it made before the wait (its
 * promises, the loaders and their arrays, the execution's result objects, the projections) is old by the
 * time X's page arrives. A scavenge takes every old object for alive, dead or not, so whatever those point
 * to afterwards (the page, the projected followers, the answer's objects) would survive every scavenge
 * until the next full collection, long after the request: copied, promoted and marked for nothing, about a
 * megabyte per 1,000-follower request (`bench/results/history.md` §25). Once the response is built, this
 * plugin empties those old holders in place: the execution's result along its selection, the projected
 * lists, the loaders' pages, windows and known objects. The REST layer hands its answers up the same way
 * (`src/rest/answers/hand-over.ts`).
 */

/**
 * The media types of the answers Yoga serialises whole before `onResponse` (`application/json`,
 * `application/graphql-response+json`).
 */
const JSON_ANSWER = /^application\/(?:graphql-response\+)?json\b/i;

/** What one execution of a request lets go of, run once the request's response is built. */
type Release = () => void;

/**
 * The plugin: after each execution of a query it notes what to empty (its result's data, its context's
 * projections and loaders) under the HTTP request, and empties it in `onResponse` when the answer is JSON,
 * already serialised, so that nothing reads the result any more; the request's session is closed then
 * too, so a resolver still running makes no call to X.
 */
export function useRequestRelease(): Plugin<GatewayContext> {
  const pending = new WeakMap<Request, Release[]>();
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result }) => {
        const ctx = args.contextValue as Partial<GatewayContext> & { readonly request?: Request };
        const { request } = ctx;
        if (!request || isAsyncIterable(result)) return;
        const { data } = result as ExecutionResult;
        const releases = pending.get(request) ?? [];
        releases.push(() => {
          if (data) releaseResult(data, args.document, args.operationName);
          ctx.projections?.release();
          ctx.loaders?.release();
          ctx.session?.close?.();
        });
        pending.set(request, releases);
      },
    }),
    onResponse: ({ request, response }) => {
      const releases = pending.get(request);
      if (!releases) return;
      pending.delete(request);
      // A JSON answer is written out before this hook; an event stream or a multipart answer is
      // serialised later, as it is read, so its result is left as it is.
      if (!JSON_ANSWER.test(response.headers.get('content-type') ?? '')) return;
      for (const release of releases) {
        try {
          release();
        } catch {
          // Only memory is at stake: an answer already built is never failed for it.
        }
      }
    },
  };
}
