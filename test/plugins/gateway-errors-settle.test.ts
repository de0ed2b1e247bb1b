import { GraphQLError, locatedError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { settleResultErrors } from '../../src/plugins/gateway-errors.ts';
import { NotFoundError } from '../../src/rest/errors.ts';
import { toGraphQLError } from '../../src/schema/errors.ts';

const document = parse('query Q {\n  user {\n    pinnedTweet { text }\n  }\n}');
const source = document.loc?.source;
const path = ['user', 'followers', 'nodes', 3, 'pinnedTweet'];
const gatewayError = () =>
  toGraphQLError(
    new NotFoundError('Not Found Error: Could not find tweet with pinned_tweet_id: [1].', {
      upstream: { type: 'https://api.twitter.com/2/problems/resource-not-found', title: 'Not Found Error' },
    }),
  );

/** An error as graphql-jit makes one: a message, `locations` and a path, no nodes, source or positions. */
function jitError(original: Error | undefined): GraphQLError {
  const error = new GraphQLError('failed', { path, ...(original ? { originalError: original } : {}) });
  Object.defineProperty(error, 'locations', { value: [{ line: 3, column: 5 }], enumerable: true });
  return error;
}

describe('settleResultErrors', () => {
  it('makes a located gateway error one error with its message, place and extensions, and no original', () => {
    const located = locatedError(gatewayError(), document.definitions, path);
    const [flat] = settleResultErrors([located], source);
    expect(flat?.originalError).toBeUndefined();
    expect(flat?.toJSON()).toEqual(located.toJSON());
    expect(flat?.extensions).toMatchObject({ code: 'NOT_FOUND', upstream: { title: 'Not Found Error' } });
  });

  it('places an error graphql-jit made in the operation’s text, so a rebuilt copy keeps its locations', () => {
    const [flat] = settleResultErrors([jitError(gatewayError())], source);
    expect(flat?.positions).toHaveLength(1);
    const rebuilt = new GraphQLError('copy', { source: flat?.source, positions: flat?.positions });
    expect(rebuilt.locations).toEqual([{ line: 3, column: 5 }]);
    expect(flat?.toJSON()).toMatchObject({
      locations: [{ line: 3, column: 5 }],
      path,
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('keeps the original of an unexpected error, so masking still sees it, and places it too', () => {
    const internal = new TypeError('internals');
    const [placed] = settleResultErrors([jitError(internal)], source);
    expect(placed?.originalError).toBe(internal);
    expect(placed?.locations).toEqual([{ line: 3, column: 5 }]);
  });

  it('leaves other errors as they are', () => {
    const unexpected = locatedError(new TypeError('internals'), document.definitions, path);
    const request = new GraphQLError('Variable "$n" was not provided.');
    const uncoded = locatedError(new GraphQLError('no code'), document.definitions, path);
    const errors = [unexpected, request, uncoded];
    const settled = settleResultErrors(errors, source);
    expect(settled).toEqual(errors);
    expect(settled[0]).toBe(unexpected);
    expect(settleResultErrors([jitError(undefined)], undefined)[0]?.positions).toBeUndefined();
  });
});
