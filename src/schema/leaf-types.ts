import { GraphQLError } from 'graphql';
import { builder } from '../builder.ts';
import { ISO_INSTANT, serializeInstant } from './instants.ts';

/** The leaf types of the schema: the `DateTime` and `JSON` scalars, and the enums of X's user and tweet objects. */

/** Parses an ISO 8601 instant, or throws naming the bad value. */
function parseInstant(value: unknown): Date {
  const date = typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`DateTime must be an ISO 8601 instant such as 2021-01-06T18:40:40.000Z.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return date;
}

builder.scalarType('DateTime', {
  description: 'An instant in time, written as an ISO 8601 string in UTC (`2021-01-06T18:40:40.000Z`).',
  serialize: serializeInstant,
  parseValue: (value) => parseInstant(value),
  parseLiteral: (ast) => parseInstant(ast.kind === 'StringValue' ? ast.value : undefined),
});

builder.scalarType('JSON', {
  description: 'A value X sends for which its API spec gives no schema, passed through unchanged as JSON.',
  serialize: (value) => value,
  parseValue: (value) => value,
});

/**
 * The enums of X's user and tweet objects. GraphQL names are upper case; the values behind them are
 * X's own strings, so resolvers pass X's values through.
 */

/** `verified_type`. */
export const VerifiedType = builder.enumType('VerifiedType', {
  description: "The kind of a user's verification badge (`verified_type`).",
  values: {
    BLUE: { value: 'blue' },
    BUSINESS: { value: 'business' },
    GOVERNMENT: { value: 'government' },
    NONE: { value: 'none' },
  } as const,
});

/** `subscription_type`. */
export const SubscriptionType = builder.enumType('SubscriptionType', {
  description: "The user's X subscription (`subscription_type`).",
  values: {
    BASIC: { value: 'Basic' },
    PREMIUM: { value: 'Premium' },
    PREMIUM_PLUS: { value: 'PremiumPlus' },
    NONE: { value: 'None' },
  } as const,
});

/** `connection_status` values. */
export const ConnectionStatus = builder.enumType('ConnectionStatus', {
  description: 'A relationship between the caller and a user (`connection_status`).',
  values: {
    FOLLOW_REQUEST_RECEIVED: { value: 'follow_request_received' },
    FOLLOW_REQUEST_SENT: { value: 'follow_request_sent' },
    BLOCKING: { value: 'blocking' },
    FOLLOWED_BY: { value: 'followed_by' },
    FOLLOWING: { value: 'following' },
    MUTING: { value: 'muting' },
  } as const,
});

/** `reply_settings`. */
export const ReplySettings = builder.enumType('ReplySettings', {
  description: 'Who may reply to a tweet (`reply_settings`).',
  values: {
    EVERYONE: { value: 'everyone' },
    MENTIONED_USERS: { value: 'mentionedUsers' },
    FOLLOWING: { value: 'following' },
    OTHER: { value: 'other' },
    SUBSCRIBERS: { value: 'subscribers' },
    VERIFIED: { value: 'verified' },
  } as const,
});

/** `referenced_tweets[].type`. */
export const ReferencedTweetType = builder.enumType('ReferencedTweetType', {
  description: 'How a tweet refers to another.',
  values: {
    RETWEETED: { value: 'retweeted' },
    QUOTED: { value: 'quoted' },
    REPLIED_TO: { value: 'replied_to' },
  } as const,
});

/** `withheld.scope`. */
export const WithheldScope = builder.enumType('WithheldScope', {
  description: 'What is withheld: a tweet or a whole user.',
  values: { TWEET: { value: 'tweet' }, USER: { value: 'user' } } as const,
});
