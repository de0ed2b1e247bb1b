import { GraphQLError } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';

/**
 * The parameters of a GET query string or an `application/x-www-form-urlencoded` body, parsed like Yoga
 * parses them but with a client's mistake answered as one: `variables` or `extensions` that are not JSON
 * get a 400 `BAD_REQUEST` naming the parameter (Yoga's own parser lets `JSON.parse` throw, which is
 * masked as a 500 "Unexpected error." and logged with its stack at error level). The shape of the parsed
 * values (an object, `null`, ...) is then checked by Yoga, as for a JSON body.
 */

/** The parameters carried as JSON text. */
const JSON_PARAMS = ['variables', 'extensions'] as const;

/** The query-string parser plugin; register it before `useRequestBodyLimit`, which wraps it for bodies. */
export function useSearchParamsParser(): Plugin {
  return {
    onRequestParse({ request, setRequestParser }) {
      if (request.method === 'GET') {
        setRequestParser((req) => paramsOf(req.url.slice(req.url.indexOf('?') + 1)));
      } else if (request.method === 'POST' && isFormUrlEncoded(request)) {
        setRequestParser(async (req) => paramsOf(await req.text()));
      }
    },
  };
}

/** Whether the request's first content type is `application/x-www-form-urlencoded` (as Yoga decides). */
function isFormUrlEncoded(request: Request): boolean {
  const contentType = request.headers.get('content-type')?.split(',')[0];
  return (
    contentType === 'application/x-www-form-urlencoded' ||
    contentType?.startsWith('application/x-www-form-urlencoded;') === true
  );
}

/** The GraphQL parameters of a query string; throws a 400 naming a parameter that is not JSON. */
function paramsOf(queryString: string): GraphQLParams {
  const search = new URLSearchParams(queryString);
  const params: GraphQLParams = {
    operationName: search.get('operationName') || undefined,
    query: search.get('query') || undefined,
  };
  for (const name of JSON_PARAMS) {
    const text = search.get(name);
    if (text) params[name] = parseParam(name, text);
  }
  return params;
}

/** `JSON.parse` of one parameter, or a 400 naming it. */
function parseParam(name: string, text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new GraphQLError(
      `The "${name}" parameter is not valid JSON (${(error as Error).message}). ` +
        `Send a URL-encoded JSON object, e.g. ${name}=%7B%7D.`,
      { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
    );
  }
}
