/**
 * The stack floor arm: the least a GraphQL server on the gateway's fixed stack can do for the workload.
 * graphql-yoga with its defaults (as its documentation sets it up, GraphiQL and the landing page off) over
 * a graphql-js schema of the contract's names for this query only, answering the gateway's own document:
 * one upstream call per page with the workload's X fields (undici, `JSON.parse`, as the floor), the pinned
 * tweets joined from `includes` through a `Map`, X's snake_case names read by field resolvers. Nothing of
 * the gateway: no planner, no check of X's body, no partial errors, rate budget, pricing, cache, admission,
 * logging or metrics. The distance from the floor to this arm is what graphql-yoga and graphql-js cost on
 * top of the floor's work, before any gateway does anything of its own.
 */
import { createSchema, createYoga } from 'graphql-yoga';
import { Agent, request } from 'undici';
import { BENCH_APP_TOKEN, xFollowersQuery } from '../workload.ts';
import { listenOnLoopback, upstreamUrl } from './listen.ts';
import { runChild } from './protocol.ts';

/** A user of X's page, with its pinned tweet joined in. */
interface XUser {
  readonly id: string;
  readonly created_at?: string;
  readonly pinned_tweet_id?: string;
  pinnedTweet?: XTweet | null;
}

/** A tweet of X's `includes`. */
interface XTweet {
  readonly id: string;
  readonly created_at?: string;
}

/** The part of X's followers page this arm reads. */
interface XPage {
  readonly data?: XUser[];
  readonly includes?: { readonly tweets?: readonly XTweet[] };
}

const TYPE_DEFS = /* GraphQL */ `
  type Query {
    user(restId: ID!): User
  }
  type User {
    restId: ID!
    name: String!
    username: String!
    createdAt: String
    description: String
    location: String
    protected: Boolean
    verified: Boolean
    pinnedTweet: Tweet
    followers(first: Int!): UserConnection!
  }
  type UserConnection {
    nodes: [User!]!
  }
  type Tweet {
    text: String!
    createdAt: String
  }
`;

await runChild(async () => {
  const origin = upstreamUrl();
  const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 30_000 });

  /** One page of `id`'s followers from X, each with its pinned tweet (or null). */
  const followers = async (id: string, first: number): Promise<XUser[]> => {
    const upstream = await request(`${origin}/2/users/${id}/followers?${xFollowersQuery(first)}`, {
      dispatcher,
      headers: { authorization: `Bearer ${BENCH_APP_TOKEN}` },
    });
    const page = JSON.parse(await upstream.body.text()) as XPage;
    const tweets = new Map((page.includes?.tweets ?? []).map((tweet) => [tweet.id, tweet]));
    const users = page.data ?? [];
    for (const user of users) {
      user.pinnedTweet = user.pinned_tweet_id ? (tweets.get(user.pinned_tweet_id) ?? null) : null;
    }
    return users;
  };

  const yoga = createYoga({
    schema: createSchema({
      typeDefs: TYPE_DEFS,
      resolvers: {
        Query: { user: (_: unknown, args: { restId: string }) => ({ id: args.restId }) },
        User: {
          restId: (user: XUser) => user.id,
          createdAt: (user: XUser) => user.created_at,
          followers: async (user: XUser, args: { first: number }) => ({
            nodes: await followers(user.id, args.first),
          }),
        },
        Tweet: { createdAt: (tweet: XTweet) => tweet.created_at },
      },
    }),
    logging: false,
    graphiql: false,
    landingPage: false,
  });
  return listenOnLoopback(yoga, () => dispatcher.close());
});
