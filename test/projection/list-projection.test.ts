import {
  GraphQLList,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  getNamedType,
  isLeafType,
  isObjectType,
} from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useCompiledExecution } from '../../src/compiled-execution.ts';
import type { GatewayContext } from '../../src/context.ts';
import { maskGatewayError } from '../../src/plugins/gateway-errors.ts';
import { ListProjections, xWritten } from '../../src/projection/list-projection.ts';
import { NotFoundError } from '../../src/rest/errors.ts';
import { schema } from '../../src/schema/index.ts';
import { createGatewayYoga } from '../../src/yoga.ts';
import { type GraphQLResponse, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

const TWITTER_DEV = '2244994945';

/** Every field of `typeName` without arguments, down to `depth` objects deep, except `left` (`Type.field`). */
function everyField(typeName: string, depth: number, left: readonly string[] = []): string {
  const type = schema.getType(typeName) as GraphQLObjectType;
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.length > 0 || left.includes(`${typeName}.${field.name}`)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && depth > 0) {
      const inner = everyField(named.name, depth - 1, left);
      if (inner) parts.push(`${field.name} { ${inner} }`);
    }
  }
  return parts.join(' ');
}

/**
 * The data and errors of an answer, errors in path order (projected lists add theirs after the
 * executor's). The cost extension is left out: the second of two runs finds the first's resources billed.
 */
function normalized(response: GraphQLResponse): Omit<GraphQLResponse, 'extensions'> {
  const key = (error: { path?: (string | number)[]; message: string }) =>
    `${error.path?.join('.') ?? ''} ${error.message}`;
  const { data, errors } = response;
  return errors ? { data, errors: [...errors].sort((a, b) => key(a).localeCompare(key(b))) } : { data };
}

describe('ListProjections', () => {
  let gateway: TestGateway;
  let executed: ReturnType<typeof createGatewayYoga>;
  const projected = vi.spyOn(ListProjections.prototype, 'tryProject');

  beforeAll(async () => {
    gateway = await startTestGateway();
    // The same client, so the same X answers, with every list left to the executor.
    executed = createGatewayYoga({ client: gateway.client, projectLists: false });
  });
  afterAll(async () => {
    await gateway.close();
  });
  afterEach(() => projected.mockClear());

  /** The answers of the projecting gateway and the executing one, and what each `tryProject` returned. */
  async function both(query: string, variables?: Record<string, unknown>) {
    projected.mockClear();
    const withProjection = await gateway.query(query, variables);
    const returned = projected.mock.results.map((result) => result.value as boolean);
    const response = await executed.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const withoutProjection = (await response.json()) as GraphQLResponse;
    return { withProjection, withoutProjection, returned };
  }

  it('writes a page of followers with every field at hand as the executor writes it', async () => {
    // Every field of a user and of its pinned tweet, but the tweet's author (a lookup) and edit controls
    // (a `DateTime` with a resolver): X's refusals (metrics only the author may read) and deleted pinned
    // tweets are errors in both answers.
    const user = everyField('User', 3, ['Tweet.author', 'Tweet.editControls']);
    const query = `query Page($id: ID!) {
      user(restId: $id) {
        followers(first: 100) {
          edges { cursor node { __typename ...Profile pinnedTweet { ...on Tweet { id } } } }
          nodes { ${user} who: username ... on Node { id } ...Profile }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
    fragment Profile on User { handle: username name publicMetrics { followersCount } }`;
    const { withProjection, withoutProjection, returned } = await both(query, { id: TWITTER_DEV });
    expect(returned).toEqual([true, true]);
    expect(withProjection.errors?.map((error) => error.extensions?.code)).toEqual(
      expect.arrayContaining(['NOT_FOUND']),
    );
    expect(normalized(withProjection)).toEqual(normalized(withoutProjection));
  });

  it('projects the same place again on the next request of the document', async () => {
    const query = `{ user(restId: "${TWITTER_DEV}") { followers(first: 20) { nodes { name pinnedTweet { text } } } } }`;
    const first = await both(query);
    const second = await both(query);
    expect([first.returned, second.returned]).toEqual([[true], [true]]);
    expect(normalized(second.withProjection)).toEqual(normalized(first.withoutProjection));
  });

  it('merges a fragment spread in two selections of one list once, as the executor does', async () => {
    const query = `{ user(restId: "${TWITTER_DEV}") {
      followers(first: 100) { nodes { ...Pinned } nodes { ...Pinned name } }
    } }
    fragment Pinned on User { pinnedTweet { text } }`;
    const { withProjection, withoutProjection, returned } = await both(query);
    expect(returned).toEqual([true]);
    // A deleted pinned tweet's error is located once, at the fragment's field.
    expect(withProjection.errors?.[0]?.locations).toHaveLength(1);
    expect(normalized(withProjection)).toEqual(normalized(withoutProjection));
  });

  it('leaves a list whose items select a field only a resolver can give to the executor', async () => {
    const query = `{ user(restId: "${TWITTER_DEV}") {
      followers(first: 20) { nodes { name pinnedTweet { text editControls { editableUntil } } } }
    } }`;
    const { withProjection, withoutProjection, returned } = await both(query);
    expect(returned).toEqual([false]);
    expect(normalized(withProjection)).toEqual(normalized(withoutProjection));
  });

  it('leaves a list with @include or @skip in its selection to the executor', async () => {
    const query = `query ($loc: Boolean!) { user(restId: "${TWITTER_DEV}") {
      followers(first: 20) { nodes { name location @include(if: $loc) } }
    } }`;
    for (const loc of [true, false]) {
      const { withProjection, withoutProjection, returned } = await both(query, { loc });
      expect(returned).toEqual([false]);
      expect(normalized(withProjection)).toEqual(normalized(withoutProjection));
    }
  });

  it('leaves a list whose items select a field with arguments to the executor, and projects the lists below', async () => {
    const query = `{ user(restId: "${TWITTER_DEV}") {
      followers(first: 2) { nodes { name following(first: 1) { nodes { name } } } }
    } }`;
    const { withProjection, withoutProjection, returned } = await both(query);
    // The followers are executed; each follower's page of followings is projected.
    expect(returned).toEqual([false, true, true]);
    expect(normalized(withProjection)).toEqual(normalized(withoutProjection));
  });
});

describe('ListProjections over any schema', () => {
  /** A scalar that refuses odd numbers. */
  const Even = new GraphQLScalarType({
    name: 'Even',
    serialize: (value) => {
      if (typeof value !== 'number' || value % 2 !== 0) throw new TypeError(`not even: ${String(value)}`);
      return value;
    },
  });
  const items: Record<string, unknown[]> = {
    plain: [
      { name: 'a', n: 2, tags: ['x', 'y'], inner: { label: 'in' } },
      { name: 'b', n: null, tags: null, inner: null },
    ],
    nonNullMissing: [{ name: 'a' }, { name: null }],
    gatewayError: [{ name: 'a', inner: new NotFoundError('no such inner') }],
    otherError: [{ name: 'a', inner: new Error('secret detail') }],
    refused: [{ name: 'a', n: 3 }],
    wrongScalar: [{ name: 'a', count: 'many' }],
  };
  const schemaOfLists = createSchema<{ loaders: object }>({
    typeDefs: /* GraphQL */ `
      scalar Even
      type Inner { label: String }
      type Item { name: String! n: Even tags: [String!] inner: Inner count: Int }
      type Query { list(kind: String!): [Item] }
    `,
    resolvers: {
      Even,
      Query: {
        list: (_root, { kind }: { kind: string }, ctx, info) => {
          const list = items[kind] ?? [];
          return (ctx as unknown as GatewayContext).projections?.tryProject(
            ctx as unknown as GatewayContext,
            info,
            list,
          )
            ? []
            : list;
        },
      },
    },
  });
  const projected = vi.spyOn(ListProjections.prototype, 'tryProject');
  afterEach(() => projected.mockClear());

  /** The answer with or without projection, and what `tryProject` returned. */
  async function run(projectLists: boolean, kind: string, selection: string) {
    const yoga = createYoga({
      schema: schemaOfLists,
      context: () => ({ loaders: {} }),
      plugins: [useCompiledExecution({ projectLists })],
      // As the gateway masks: a gateway error keeps its code, anything else is masked.
      maskedErrors: { maskError: maskGatewayError },
      logging: false,
    });
    projected.mockClear();
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ list(kind: "${kind}") { ${selection} } }` }),
    });
    return {
      answer: (await response.json()) as GraphQLResponse,
      returned: projected.mock.results.map((result) => result.value as boolean),
    };
  }

  /** Both answers must be the same; returns whether the projecting run projected. */
  async function same(kind: string, selection: string) {
    const projecting = await run(true, kind, selection);
    const executing = await run(false, kind, selection);
    expect(executing.returned).toEqual([]);
    expect(projecting.answer).toEqual(executing.answer);
    return projecting;
  }

  it('projects leaves, lists of leaves, nested objects, aliases and nulls', async () => {
    const { answer, returned } = await same('plain', '__typename name alias: name n tags inner { label }');
    expect(returned).toEqual([true]);
    expect(answer.data?.list).toEqual([
      { __typename: 'Item', name: 'a', alias: 'a', n: 2, tags: ['x', 'y'], inner: { label: 'in' } },
      { __typename: 'Item', name: 'b', alias: 'b', n: null, tags: null, inner: null },
    ]);
  });

  it('reports a gateway error on a nullable field at its path and place, with its code', async () => {
    // Not compared with the executor: graphql-jit writes an `Error` found as a field's value without its
    // locations (the gateway's getters never hold gateway errors; its resolvers throw them, located).
    const { answer, returned } = await run(true, 'gatewayError', 'name inner { label }');
    expect(returned).toEqual([true]);
    expect(answer).toEqual({
      data: { list: [{ name: 'a', inner: null }] },
      errors: [
        {
          message: 'no such inner',
          locations: [{ line: 1, column: 37 }],
          path: ['list', 0, 'inner'],
          extensions: { code: 'NOT_FOUND' },
        },
      ],
    });
  });

  it('passes on a value its property already writes without serializing it again, and completes others', async () => {
    const serialize = vi.fn((value: unknown) => {
      if (typeof value !== 'string') throw new TypeError(`not a stamp: ${String(value)}`);
      return value;
    });
    const Stamp = new GraphQLScalarType({ name: 'Stamp', serialize });
    const Item = new GraphQLObjectType({
      name: 'Item',
      fields: { stamp: { type: Stamp, extensions: xWritten('string') } },
    });
    const stamps = [{ stamp: '2021-01-06T18:40:40.000Z' }, { stamp: null }];
    const schemaOfStamps = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          list: {
            type: new GraphQLList(Item),
            resolve: (_root, _args, ctx: GatewayContext, info) =>
              ctx.projections?.tryProject(ctx, info, stamps) ? [] : stamps,
          },
        },
      }),
    });
    const answers = [];
    for (const projectLists of [true, false]) {
      serialize.mockClear();
      projected.mockClear();
      const yoga = createYoga({
        schema: schemaOfStamps,
        context: () => ({ loaders: {} }),
        plugins: [useCompiledExecution({ projectLists })],
        logging: false,
      });
      const response = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ list { stamp } }' }),
      });
      answers.push(await response.json());
      // Projected, the written string goes through as it is; executed, the scalar writes it.
      expect(serialize).toHaveBeenCalledTimes(projectLists ? 0 : 1);
      expect(projected.mock.results.map((result) => result.value)).toEqual(projectLists ? [true] : []);
    }
    expect(answers[0]).toEqual({ data: { list: [{ stamp: '2021-01-06T18:40:40.000Z' }, { stamp: null }] } });
    expect(answers[1]).toEqual(answers[0]);
  });

  it('leaves null propagation, unexpected errors and refused values to the executor', async () => {
    for (const [kind, selection] of [
      ['nonNullMissing', 'name'],
      ['otherError', 'name inner { label }'],
      ['refused', 'name n'],
      ['wrongScalar', 'name count'],
    ] as const) {
      const { answer, returned } = await same(kind, selection);
      expect(returned, kind).toEqual([false]);
      expect(answer.errors, kind).toHaveLength(1);
      expect(JSON.stringify(answer), kind).not.toContain('secret detail');
    }
  });
});
