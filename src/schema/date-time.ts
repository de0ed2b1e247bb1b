import { GraphQLError } from 'graphql';
import { builder } from '../builder.ts';

/** An ISO 8601 instant with a time zone, as X writes them (`2021-01-06T18:40:40.000Z`). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

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
  serialize: (value) => {
    const date =
      value instanceof Date
        ? value
        : new Date(typeof value === 'string' && ISO_INSTANT.test(value) ? value : NaN);
    // An instant X sent malformed is an upstream fault, not the client's: it stays masked.
    if (Number.isNaN(date.getTime())) throw new TypeError(`X sent a malformed instant: ${String(value)}`);
    return date.toISOString();
  },
  parseValue: (value) => parseInstant(value),
  parseLiteral: (ast) => parseInstant(ast.kind === 'StringValue' ? ast.value : undefined),
});
