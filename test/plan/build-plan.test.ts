import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/loaders/list-cursor.ts';
import { planOperation } from '../../src/plan/build-plan.ts';
import { estimateUpstreamCalls } from '../../src/plan/estimate.ts';
import { schema } from '../../src/schema/index.ts';
import { encodeGlobalId } from '../../src/schema/node.ts';

/** Plans a query with raw variables. */
const plan = (query: string, variables?: Record<string, unknown>) =>
  planOperation({ schema, document: parse(query), variables });

describe('planOperation', () => {
  it('asks for the X field a User field declares where it is defined (confirmedEmail)', () => {
    const result = plan('{ viewer { confirmedEmail followers { nodes { confirmedEmail } } } }');
    expect(result.nodes.get('viewer')?.user?.query.userFields).toEqual(['confirmed_email']);
    expect(result.nodes.get('viewer.followers')?.connection?.items.query.userFields).toEqual([
      'confirmed_email',
    ]);
  });

  it('merges fragments, inline fragments, aliases and repeated fields, applying @include/@skip', () => {
    const query = `query ($pinned: Boolean!) {
      me: user(restId: "12") {
        ...Profile
        ... on User @include(if: $pinned) { pinnedTweet { lang } }
        pinnedTweet @skip(if: true) { source }
        handle: username
      }
    }
    fragment Profile on User { createdAt name createdAt }`;
    const withPinned = plan(query, { pinned: true }).nodes.get('me');
    expect(withPinned?.user).toEqual({
      lookup: true,
      query: { userFields: ['created_at'], expansions: ['pinned_tweet_id'], tweetFields: ['lang'] },
    });
    const without = plan(query, { pinned: false }).nodes.get('me');
    expect(without?.user?.query).toEqual({ userFields: ['created_at'], expansions: [], tweetFields: [] });
  });

  it('keys nodes by response path without list indices and links parents to children', () => {
    const result = plan(`{
      user(restId: "12") {
        followers(first: 20) { edges { node { pinnedTweet { author { name } } } } }
      }
    }`);
    expect([...result.nodes.keys()]).toEqual([
      'user',
      'user.followers',
      'user.followers.edges.node',
      'user.followers.edges.node.pinnedTweet',
      'user.followers.edges.node.pinnedTweet.author',
    ]);
    const author = result.nodes.get('user.followers.edges.node.pinnedTweet.author');
    expect(author?.parentPath).toBe('user.followers.edges.node.pinnedTweet');
    expect(author?.upstream).toEqual([{ endpoint: 'GET /2/users', calls: 1, batched: true }]);
    expect(result.nodes.get('user.followers.edges.node')).toMatchObject({
      multiplicity: 20,
      parentPath: 'user.followers',
    });
    expect(result.nodes.get('user.followers')?.connection?.items.query).toEqual({
      userFields: [],
      expansions: ['pinned_tweet_id'],
      tweetFields: ['author_id'],
    });
    expect(result.roots).toEqual(['user']);
  });

  it('makes no lookup of a parent read only for its ids and lists', () => {
    const result = plan(
      `{ user(restId: "12") { id restId followers { nodes { name } } following { pageInfo { hasNextPage } } } }`,
    );
    expect(result.nodes.get('user')?.user?.lookup).toBe(false);
    expect(result.nodes.get('user')?.upstream).toBeUndefined();
    expect(result.nodes.get('user.followers')?.upstream).toEqual([
      { endpoint: 'GET /2/users/:id/followers', calls: 1, batched: false, resources: 100 },
    ]);
  });

  it("reads totalCount from the owner's public_metrics without reading the list", () => {
    const result = plan(`{ user(restId: "12") { followers { totalCount } } }`);
    expect(result.nodes.get('user')?.user).toEqual({
      lookup: true,
      query: { userFields: ['public_metrics'], expansions: [], tweetFields: [] },
    });
    expect(result.nodes.get('user.followers')?.connection).toMatchObject({
      needsPage: false,
      totalCount: true,
    });
    expect(result.nodes.get('user.followers')?.upstream).toBeUndefined();
  });

  it('merges the needs of edges.node and nodes, every alias, into one list query', () => {
    const result = plan(`{ user(restId: "12") { f: followers(first: 5) {
      a: edges { node { location } } b: edges { n: node { verifiedType } } nodes { createdAt }
    } } }`);
    expect(result.nodes.get('user.f')?.connection).toMatchObject({
      pageSize: 5,
      direction: 'forward',
      items: {
        query: { userFields: ['created_at', 'location', 'verified_type'], expansions: [], tweetFields: [] },
      },
    });
    expect(result.nodes.has('user.f.b.n')).toBe(true);
  });

  it('applies variables to page sizes and multiplies root lists by their length', () => {
    const result = plan(
      `query ($n: Int) { users(restIds: ["1", "2", "3"]) { followers(first: $n) { nodes { name } } } }`,
      {
        n: 7,
      },
    );
    expect(result.nodes.get('users')?.multiplicity).toBe(3);
    // `users` looks its users up even for ids alone, to answer unknown ids with null.
    expect(result.nodes.get('users')?.upstream).toEqual([
      { endpoint: 'GET /2/users', calls: 1, batched: true },
    ]);
    expect(result.nodes.get('users.followers')?.connection?.pageSize).toBe(7);
    expect(result.nodes.get('users.followers.nodes')?.multiplicity).toBe(7);
    expect(
      plan(`{ user(restId: "1") { followers { nodes { name } } } }`).nodes.get('user.followers.nodes')
        ?.multiplicity,
    ).toBe(100);
  });

  it('plans tweet fields, the author lookup, and nodes of either type', () => {
    const result = plan(`{ tweet(restId: "9") { text author { restId } }
      node(id: "VXNlcjoxMg==") { ... on User { location } ... on Tweet { lang } } }`);
    expect(result.nodes.get('tweet')?.tweet).toEqual({ lookup: true, query: { tweetFields: ['author_id'] } });
    expect(result.nodes.get('tweet.author')?.user?.lookup).toBe(false);
    expect(result.nodes.get('node')).toMatchObject({
      user: { lookup: true, query: { userFields: ['location'] } },
      tweet: { lookup: true, query: { tweetFields: ['lang'] } },
      typeCounts: { User: 1, Tweet: 0 },
      upstream: [{ endpoint: 'GET /2/users', instances: 1 }],
    });
  });

  it('looks the users and the tweets of a mixed nodes list up on their own endpoints, each priced for its ids', () => {
    const ids = [
      encodeGlobalId('User', '12'),
      ...Array.from({ length: 150 }, (_, index) => encodeGlobalId('Tweet', String(index + 1))),
    ];
    const result = plan(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Tweet { author { name } } ... on User { location } } }`,
      { ids },
    );
    expect(result.nodes.get('nodes')).toMatchObject({
      multiplicity: 151,
      typeCounts: { User: 1, Tweet: 150 },
      upstream: [
        { endpoint: 'GET /2/users', calls: 1, batched: true, instances: 1 },
        { endpoint: 'GET /2/tweets', calls: 1, batched: true, instances: 150 },
      ],
    });
    // The author runs for the 150 tweets only: 2 lookups, not ceil(151 / 100).
    expect(estimateUpstreamCalls(result).byEndpoint).toEqual({ 'GET /2/users': 3, 'GET /2/tweets': 2 });
  });

  it('keeps the page arguments and the decoded cursor on the connection node for its resolver', () => {
    const cursor = {
      list: 'following' as const,
      ownerId: '12',
      page: { token: undefined, maxResults: 100, count: 100, nextToken: 'NEXT', previousToken: undefined },
      index: 99,
      userId: '7',
    };
    const result = plan(
      'query ($after: String) { viewer { following(first: 5, after: $after) { nodes { id } } } }',
      {
        after: encodeCursor(cursor),
      },
    );
    expect(result.nodes.get('viewer.following')?.connection).toMatchObject({
      pageSize: 5,
      direction: 'forward',
      decoded: cursor,
    });
  });

  it('collects bad arguments with their paths', () => {
    const result = plan(`{
      a: user(restId: "12") { followers(first: 0) { nodes { name } } }
      b: user(restId: "12x") { name }
      c: user { name }
      d: user(restId: "1") { following(last: 5) { nodes { name } } }
      e: user(restId: "1") { following(after: "garbage") { nodes { name } } }
      f: node(id: "nope") { id }
    }`);
    expect(result.errors.map((e) => [e.path, e.error.message])).toEqual([
      ['a.followers', '`first` must be between 1 and 1000; got 0.'],
      ['b', '`restId` must be an X id, a decimal string of 1 to 19 digits; got "12x".'],
      ['c', '`user` takes exactly one of `restId` and `username`.'],
      ['d.following', '`last` needs `before`: X lists are paged backward from a known cursor.'],
      ['e.following', '`after` is not a cursor this gateway returned.'],
      ['f', '`id` is not a global id of a User or a Tweet.'],
    ]);
  });
});
