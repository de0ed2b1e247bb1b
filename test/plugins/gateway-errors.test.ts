import { type ExecutionResult, GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { useGatewayErrors } from '../../src/plugins/gateway-errors.ts';

const document = parse('{ user(restId: "12") { pinnedTweet { text } } }');
const field = document.definitions[0];

/** A partial error as a page of followers carries one: located, with a contract code. */
function partialError(extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError('Not Found Error: Could not find tweet with pinned_tweet_id: [9002].', {
    nodes: field ? [field] : undefined,
    path: ['user', 'pinnedTweet'],
    extensions: { code: 'NOT_FOUND', ...extensions },
  });
}

/** Runs the plugin's `onResultProcess` on `result`; the result it sets, or undefined. */
function process(result: ExecutionResult): ExecutionResult | undefined {
  let set: ExecutionResult | undefined;
  const hook = useGatewayErrors().onResultProcess as (payload: unknown) => void;
  hook({ result, setResult: (next: ExecutionResult) => (set = next) });
  return set;
}

describe('useGatewayErrors', () => {
  it('hands over the JSON form of each partial error, written to the same text', () => {
    const result: ExecutionResult = {
      data: { user: { pinnedTweet: null } },
      errors: [partialError(), partialError({ upstream: { type: 'x', title: 'Not Found Error' } })],
      extensions: { cost: { estimatedUpstreamCalls: 1 } },
    };
    const lean = process(result);
    expect(lean?.errors?.some((error) => error instanceof GraphQLError)).toBe(false);
    expect(JSON.stringify(lean)).toBe(JSON.stringify(result));
    expect(lean?.errors?.[0]).toEqual({
      message: 'Not Found Error: Could not find tweet with pinned_tweet_id: [9002].',
      locations: [{ line: 1, column: 1 }],
      path: ['user', 'pinnedTweet'],
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('leaves to Yoga a result without data, whose errors decide the HTTP status', () => {
    expect(process({ errors: [partialError()] })).toBeUndefined();
    expect(process({ data: null, errors: [partialError()] })).toBeUndefined();
  });

  it('leaves to Yoga errors with an http or unexpected extension, which it strips before writing', () => {
    const data = { user: null };
    expect(process({ data, errors: [partialError({ http: { status: 503 } })] })).toBeUndefined();
    expect(process({ data, errors: [partialError(), partialError({ unexpected: true })] })).toBeUndefined();
  });
});
