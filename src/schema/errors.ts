import {
  GraphQLError,
  type GraphQLErrorExtensions,
  type GraphQLErrorOptions,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  isObjectType,
} from 'graphql';
import { GatewayError } from '../rest/errors.ts';
import { withoutStack } from '../util/without-stack.ts';

/**
 * Where gateway errors become GraphQL errors: `extensions.code` from the contract, `extensions.upstream`
 * with X's problem where there is one, and the error's own client-safe extensions. Every resolver of the
 * schema converts them as they leave it (so they land on the field they concern, and Yoga's masking lets
 * them through untouched); any other error is masked by Yoga (`maskGatewayError` of
 * `src/plugins/gateway-errors.ts`), so internals never reach a client.
 */

/**
 * The GraphQL error of a gateway error, located by the executor (a projected list's errors, at fields
 * already known, are made by {@link placedErrors}). It carries no `originalError`, so Yoga's masking
 * recognises it as a deliberate GraphQL error and passes it through unchanged.
 */
export function toGraphQLError(error: GatewayError): GraphQLError {
  return withoutStack(() => new GraphQLError(error.message, { extensions: extensionsOf(error) }));
}

/** The `extensions` of a gateway error's GraphQL error: its own, its contract code, X's problem if any. */
export function extensionsOf(error: GatewayError): GraphQLErrorExtensions {
  return {
    ...error.extensions,
    code: error.code,
    ...(error.upstream ? { upstream: error.upstream } : {}),
  };
}

/** A response path as `GraphQLError.path` holds it. */
type ResponsePath = NonNullable<GraphQLError['path']>;

/**
 * Makes the GraphQL errors of gateway errors at one place of a query (one field of a projected list:
 * every error there has the same field nodes, and so the same locations), each equal to the one
 * `new GraphQLError(message, { nodes, path, extensions })` makes with `toGraphQLError`'s message and
 * extensions: the same class, message, path, locations, extensions, nodes, source and positions,
 * enumerable as the constructor makes them, the same JSON.
 *
 * The constructor costs about 9 µs an error (it locates the nodes in the operation's text every time,
 * and `Object.defineProperties` turns each error into a dictionary), and a page of 1,000 followers
 * carries dozens (one per deleted or protected pinned tweet). Here the place is located once, by the
 * constructor itself (its first error's `GraphQLError`), and held, with the properties the constructor
 * makes non-enumerable, by a prototype of the place's own (below `GraphQLError.prototype`); each error
 * is an object of that prototype with the four enumerable properties of its own (its `locations` one
 * array, shared by the place's errors: nothing changes an error's locations). What such an error is
 * not is an engine `Error`: it has no captured stack (its `stack` is its first line, as the constructor's
 * is with stack capture off) and `util.types.isNativeError` says false; `instanceof` and `name`, what
 * graphql, Envelop and Yoga look at, say `GraphQLError`.
 */
export function placedErrors(
  nodes: NonNullable<GraphQLErrorOptions['nodes']>,
): (error: GatewayError, path: ResponsePath) => GraphQLError {
  let place: object | undefined;
  let locations: GraphQLError['locations'];
  return (error, path) => {
    if (!place) {
      const located = withoutStack(() => new GraphQLError('', { nodes }));
      locations = located.locations;
      const hidden = (value: unknown): PropertyDescriptor => ({ value, writable: true, configurable: true });
      place = Object.create(GraphQLError.prototype, {
        name: hidden('GraphQLError'),
        nodes: hidden(located.nodes),
        source: hidden(located.source),
        positions: hidden(located.positions),
        originalError: hidden(undefined),
        stack: {
          get(this: GraphQLError) {
            return `${this.name}: ${this.message}`;
          },
          configurable: true,
        },
      }) as object;
    }
    // The constructor's enumerable properties, in its order.
    const made = Object.create(place) as Record<string, unknown>;
    made.message = error.message;
    made.path = path;
    made.locations = locations;
    made.extensions = extensionsOf(error);
    return made as unknown as GraphQLError;
  };
}

/** Rethrows a gateway error as its GraphQL error; anything else unchanged. */
function convert(error: unknown): never {
  throw error instanceof GatewayError ? toGraphQLError(error) : error;
}

/** Converts the gateway errors of a resolver's value: a promise, or a list of promises (one per item). */
function convertValue(value: unknown): unknown {
  if (value instanceof Promise) return value.then(convertValue, convert);
  if (Array.isArray(value) && value.some((item) => item instanceof Promise)) return value.map(convertValue);
  return value;
}

/** Wraps every field resolver of a schema so gateway errors leave it as GraphQL errors. Mutates the schema. */
export function convertGatewayErrors(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, unknown> | undefined = field.resolve;
      if (!resolve) continue;
      field.resolve = (source, args, context, info) => {
        try {
          return convertValue(resolve(source, args, context, info));
        } catch (error) {
          return convert(error);
        }
      };
    }
  }
  return schema;
}
