import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * CSRF prevention for browser clients. A cross-site page can make a browser send a "simple" request (a
 * form post: no content type, `text/plain`, `application/x-www-form-urlencoded` or `multipart/form-data`)
 * without a CORS preflight; such requests are refused unless they carry a header only a script allowed
 * by CORS can set. `application/json` posts need a preflight, so they pass; so does GET, which can only
 * run queries. Same rule as Apollo Server's and Yoga's CSRF prevention.
 */

/** Headers that prove the request was preflighted (any one of them, any value). */
export const CSRF_HEADERS = ['x-graphql-csrf', 'x-graphql-yoga-csrf', 'apollo-require-preflight'] as const;

/** Media types a browser sends cross-site without a preflight. */
const SIMPLE_MEDIA_TYPES = new Set([
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
]);

/** Refuses simple (non-preflighted) POST requests with 403. */
export function useCsrfPrevention(): Plugin {
  return {
    onRequestParse: ({ request }) => {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
      if (mediaType !== '' && !SIMPLE_MEDIA_TYPES.has(mediaType)) return;
      if (CSRF_HEADERS.some((name) => request.headers.has(name))) return;
      throw new GraphQLError(
        `This request looks like a cross-site form post (content type ${mediaType || 'missing'}). ` +
          'Send `Content-Type: application/json`, or add an `x-graphql-csrf` header.',
        { extensions: { code: 'CSRF_PREVENTED', http: { status: 403 } } },
      );
    },
  };
}
