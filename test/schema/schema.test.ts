import { type GraphQLObjectType, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.ts';

describe('schema', () => {
  it('prints the same SDL as the committed snapshot', async () => {
    await expect(printSchema(schema)).toMatchFileSnapshot('./__snapshots__/schema.graphql');
  });

  it('has the contract root fields with their exact signatures', () => {
    const fields = schema.getQueryType()?.getFields() ?? {};
    const signature = (name: string) => {
      const field = fields[name];
      if (!field) return undefined;
      const args = field.args.map((arg) => `${arg.name}: ${String(arg.type)}`).join(', ');
      return `${name}${args ? `(${args})` : ''}: ${String(field.type)}`;
    };
    expect(
      ['node', 'nodes', 'user', 'users', 'usersByUsername', 'tweet', 'viewer', 'rateLimit'].map(signature),
    ).toEqual([
      'node(id: ID!): Node',
      'nodes(ids: [ID!]!): [Node]!',
      'user(restId: ID, username: String): User',
      'users(restIds: [ID!]!): [User]!',
      'usersByUsername(usernames: [String!]!): [User]!',
      'tweet(restId: ID!): Tweet',
      'viewer: User',
      'rateLimit: [RateLimit!]!',
    ]);
  });

  it('reads the plain fields of User and Tweet without resolvers, so compiled execution inlines them', () => {
    const resolved = (typeName: string) => {
      const type = schema.getType(typeName) as GraphQLObjectType;
      return Object.values(type.getFields())
        .filter((field) => field.resolve !== undefined)
        .map((field) => field.name)
        .sort();
    };
    // Left with resolvers: relations and lists (calls) and the global id. Enums read X's strings (their
    // values); `createdAt` is a getter that checks the instant (see `instantOf`).
    expect(resolved('User')).toEqual(['followers', 'following', 'id', 'pinnedTweet']);
    expect(resolved('Tweet')).toEqual(['author', 'id']);
  });
});
