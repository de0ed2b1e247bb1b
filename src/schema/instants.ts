import {
  type GraphQLFieldResolver,
  type GraphQLSchema,
  getNullableType,
  isObjectType,
  isScalarType,
} from 'graphql';

/**
 * Writing `DateTime` values. X's instants are checked and written in the resolver of each `DateTime`
 * field, not only in the scalar's `serialize`: an executor that compiles queries (graphql-jit) reports a
 * failed `serialize` as a plain message without its original error, which error masking would then let
 * through; a resolver's error keeps its original, so a malformed instant from X stays masked either way.
 */

/** An ISO 8601 instant with a time zone, as X writes them (`2021-01-06T18:40:40.000Z`). */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** An instant exactly as `Date.prototype.toISOString` writes it (UTC, milliseconds). */
const CANONICAL_INSTANT =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * The ISO 8601 UTC string of an instant from X (or a `Date`); throws a `TypeError` for a malformed one,
 * a day its month does not have included (`Date` would roll `02-30` over into March).
 */
export function serializeInstant(value: unknown): string {
  if (typeof value === 'string') {
    // X's instants are already canonical: pass those through without a round trip through `Date`.
    if (CANONICAL_INSTANT.test(value) && dayExists(value)) return value;
    const date = ISO_INSTANT.test(value) && dayExists(value) ? new Date(value) : undefined;
    // An instant X sent malformed is an upstream fault, not the client's: it stays masked.
    if (date && !Number.isNaN(date.getTime())) return date.toISOString();
  } else if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString();
  }
  throw new TypeError(`X sent a malformed instant: ${String(value)}`);
}

/**
 * The `DateTime` value of a getter (`UserShape.createdAt`, `TweetShape.createdAt`): the written instant,
 * undefined when X sent none, or the `TypeError` of a malformed one, returned rather than thrown (a getter
 * never throws: see `UserShape`). graphql-jit and graphql-js both report a field whose value is an `Error`
 * as that field's error with the error as its original, so a malformed instant is masked as unexpected
 * on that field, as a resolver's throw would be. The return type leaves the error out: to Pothos the
 * field exposes an instant.
 *
 * A getter instead of a resolver makes the field a property read in a compiled query: on a page of 1,000
 * followers that is 1,000 resolver calls fewer, each with its arguments, path and resolve info objects.
 * Its fields are marked `xWritten('string')`, so list projection passes the written instant on instead of
 * checking it a second time in the scalar's `serialize`.
 */
export function instantOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    return serializeInstant(value);
  } catch (error) {
    return error as never;
  }
}

/** Does the month of an ISO instant (`YYYY-MM-DD...`) have its day? Days 1 to 28 always exist. */
function dayExists(instant: string): boolean {
  const day = twoDigits(instant, 8);
  if (day <= 28) return true;
  const lastDay = new Date(Date.UTC(Number(instant.slice(0, 4)), twoDigits(instant, 5), 0)).getUTCDate();
  return day <= lastDay;
}

/** The number written by the two digits at `at`. */
function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);
}

/** Wraps the resolver of every `DateTime` field so it returns the written instant. Mutates the schema. */
export function writeInstantsInResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const fieldType = getNullableType(field.type);
      if (!isScalarType(fieldType) || fieldType.name !== 'DateTime') continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> | undefined = field.resolve;
      if (!resolve) continue;
      field.resolve = (source, args, context, info) => {
        const value = resolve(source, args, context, info);
        return value instanceof Promise ? value.then(written) : written(value);
      };
    }
  }
  return schema;
}

/** A resolved `DateTime` value written, null and undefined left as they are. */
function written(value: unknown): unknown {
  return value === null || value === undefined ? value : serializeInstant(value);
}
