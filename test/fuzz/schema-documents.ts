import fc from 'fast-check';
import {
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { encodeCursor } from '../../src/plan/cursor.ts';
import { encodeGlobalId } from '../../src/plan/root-args.ts';

/**
 * Whole GraphQL documents built from the schema by fast-check: random fields of each type (aliases,
 * inline fragments on abstract types, `@include`/`@skip`), every argument passed as a variable whose
 * value is drawn from good ids, cursors and usernames of the emulator's world and from anything at all.
 */

/** Ids, usernames and cursors the emulator knows, so some generated queries reach deep. */
const KNOWN_USER = '2244994945';
const KNOWN_IDS = [KNOWN_USER, '783214', '12', '1', '9999999999999999999', '0'];
const KNOWN_USERNAMES = ['TwitterDev', 'XDevelopers', 'jack', 'no_such_user_1'];

/** A generated request: its text and variables. */
export interface GeneratedRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** A cursor, valid or tampered with. */
export const cursorArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      list: fc.constantFrom('followers' as const, 'following' as const),
      maxResults: fc.integer({ min: 1, max: 1000 }),
      index: fc.nat(999),
      token: fc.option(fc.stringMatching(/^[A-Z0-9]{16,24}$/), { nil: undefined }),
      nextToken: fc.option(fc.stringMatching(/^[A-Z0-9]{16,24}$/), { nil: undefined }),
    })
    .map(({ list, maxResults, index, token, nextToken }) =>
      encodeCursor({
        list,
        ownerId: KNOWN_USER,
        page: { token, maxResults, count: maxResults, nextToken, previousToken: token },
        index: index % maxResults,
        userId: '12',
      }),
    ),
  fc.base64String({ maxLength: 60 }).map((text) => text.replace(/=+$/, '')),
  fc.string({ maxLength: 40 }),
);

/** An X id, a global id, or anything string-like. */
export const idArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...KNOWN_IDS),
  fc.constantFrom(...KNOWN_IDS).map((id) => encodeGlobalId('User', id)),
  fc.stringMatching(/^[0-9]{1,22}$/),
  fc.string({ maxLength: 30 }),
  fc.constant(''),
);

/** Any JSON value (for wrongly typed variables). */
const anyJson = fc.jsonValue({ maxDepth: 2 });

/** A value for an input type: mostly of the right type, sometimes anything. */
function valueFor(type: GraphQLInputType, name: string, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueFor(type.ofType, name, depth);
  if (isListType(type))
    return fc.array(valueFor(type.ofType, name, depth + 1), { maxLength: depth === 0 ? 4 : 1 });
  const named = getNamedType(type) as GraphQLNamedType;
  const right: fc.Arbitrary<unknown> =
    named.name === 'Int'
      ? fc.oneof(fc.integer({ min: -3, max: 12 }), fc.integer({ min: 990, max: 1010 }), fc.integer())
      : named.name === 'Boolean'
        ? fc.boolean()
        : /after|before|cursor/i.test(name)
          ? cursorArb
          : /username/i.test(name)
            ? fc.oneof(fc.constantFrom(...KNOWN_USERNAMES), fc.string({ maxLength: 20 }))
            : isEnumType(named)
              ? fc.constantFrom(...named.getValues().map((value) => value.name))
              : isInputObjectType(named)
                ? fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 2 })
                : idArb;
  return fc.oneof(
    { weight: 9, arbitrary: right },
    { weight: 1, arbitrary: anyJson },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

/** Builds documents of `schema`'s Query type, `maxDepth` levels deep at most. */
export function documentArb(schema: GraphQLSchema, maxDepth = 5): fc.Arbitrary<GeneratedRequest> {
  return fc.gen().map((g) => {
    const definitions: string[] = [];
    const variables: Record<string, unknown> = {};
    let counter = 0;

    /** A selection set on a named output type. */
    const selectionOf = (type: GraphQLNamedType, depth: number): string => {
      if (isAbstractType(type)) {
        const possible = schema.getPossibleTypes(type);
        const parts = ['__typename'];
        for (const object of possible) {
          if (g(fc.boolean)) parts.push(`... on ${object.name} ${selectionOf(object, depth)}`);
        }
        return `{ ${parts.join(' ')} }`;
      }
      if (!isObjectType(type)) return '';
      const fields = Object.values(type.getFields());
      const chosen = g(() => fc.subarray(fields, { minLength: 1, maxLength: Math.min(4, fields.length) }));
      const parts = chosen.flatMap((field) => {
        const named = getNamedType(field.type);
        const leaf = isLeafType(named);
        if (!leaf && depth >= maxDepth) return [];
        const args: string[] = [];
        for (const arg of field.args) {
          if (!isNonNullType(arg.type) && !g(fc.boolean)) continue;
          const name = `v${counter++}`;
          definitions.push(`$${name}: ${String(arg.type)}`);
          variables[name] = g(() => valueFor(arg.type, arg.name));
          args.push(`${arg.name}: $${name}`);
        }
        const alias = g(() =>
          fc.oneof(
            fc.constant(''),
            fc.constantFrom('a', 'b', 'c').map((a) => `${a}${counter}: `),
          ),
        );
        const directive = g(() =>
          fc.constantFrom('', '', '', ' @include(if: true)', ' @skip(if: true)', ' @include(if: false)'),
        );
        const sub = leaf ? '' : ` ${selectionOf(named, depth + 1)}`;
        if (!leaf && sub.trim() === '') return [];
        return [`${alias}${field.name}${args.length ? `(${args.join(', ')})` : ''}${directive}${sub}`];
      });
      return `{ ${parts.length ? parts.join(' ') : '__typename'} }`;
    };

    const query = schema.getQueryType();
    const body = query ? selectionOf(query, 1) : '{ __typename }';
    const header = definitions.length ? `(${definitions.join(', ')})` : '';
    return { query: `query Fuzz${header} ${body}`, variables };
  });
}
