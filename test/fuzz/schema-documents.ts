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
import { encodeCursor } from '../../src/loaders/list-cursor.ts';
import { encodeGlobalId } from '../../src/schema/node.ts';

/**
 * Whole GraphQL documents built from the schema by fast-check: random fields of each type (aliases,
 * inline fragments on abstract types, `@include`/`@skip`), every argument passed as a variable whose
 * value is drawn from good ids, cursors and usernames of the emulator's world and from anything at all.
 */

/** Ids, usernames and cursors the emulator knows, so some generated queries reach deep. */
const KNOWN_USER = '2244994945';
const KNOWN_IDS = [KNOWN_USER, '783214', '12', '1', '9999999999999999999', '0'];
const KNOWN_USERNAMES = ['TwitterDev', 'XDevelopers', 'jack', 'no_such_user_1'];
/** Tweets the emulator knows (pinned by TwitterDev's followers) and some it does not. */
const KNOWN_TWEETS = ['1293595870563381249', '1293593516040269825', '1271186240323432452', '1', '0'];

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
  fc.constantFrom(...KNOWN_TWEETS).map((id) => encodeGlobalId('Tweet', id)),
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
    // The root fields as written, in an inline fragment, or in a fragment on Query spread at the root.
    const wrap = g(() => fc.constantFrom('none', 'none', 'inline', 'fragment'));
    if (wrap === 'inline') return { query: `query Fuzz${header} { ... on Query ${body} }`, variables };
    if (wrap === 'fragment') {
      return { query: `query Fuzz${header} { ...Root } fragment Root on Query ${body}`, variables };
    }
    return { query: `query Fuzz${header} ${body}`, variables };
  });
}

/** A generated document of several named operations, with every operation's variables in one object. */
export interface MultiOperationRequest extends GeneratedRequest {
  /** The operations' names, in document order; each operation also selects `<name>: __typename`. */
  readonly names: readonly string[];
}

/**
 * Documents of 2 to 3 operations built by `documentArb`, named `Op0`, `Op1`, ...: their variables are
 * renamed apart and sent together, so each operation receives the others' as variables it does not declare.
 */
export function multiOperationArb(schema: GraphQLSchema): fc.Arbitrary<MultiOperationRequest> {
  return fc.array(documentArb(schema, 4), { minLength: 2, maxLength: 3 }).map((requests) => {
    const names = requests.map((_, i) => `Op${i}`);
    const operations: string[] = [];
    const variables: Record<string, unknown> = {};
    requests.forEach((request, i) => {
      const renamed = request.query
        .replace(/\$v(\d+)/g, `$o${i}v$1`)
        .replace(
          /^query Fuzz(\([^)]*\))? \{/,
          (_, header = '') => `query ${names[i]}${header} { ${names[i]}: __typename`,
        );
      operations.push(renamed);
      for (const [name, value] of Object.entries(request.variables)) variables[`o${i}${name}`] = value;
    });
    return { query: operations.join('\n'), variables, names };
  });
}

/** Where a dry run's `cost` field goes in a document. */
export type DryRunPlace = 'top' | 'inline' | 'fragment' | 'nested' | 'whole';

/** The pricing selection the dry-run property adds (aliased so it never conflicts with a generated `cost`). */
export const DRY_RUN_FIELD = 'dryRunPrice: cost(dryRun: true) { estimatedUpstreamCalls allowed }';

/**
 * A generated document with `cost(dryRun: true)` added at the top level, in an inline fragment, in a
 * fragment spread at the root, in a fragment nested in another, or with the whole root selection moved
 * into a fragment on Query.
 */
export function dryRunDocumentArb(
  schema: GraphQLSchema,
): fc.Arbitrary<GeneratedRequest & { place: DryRunPlace }> {
  const places: DryRunPlace[] = ['top', 'inline', 'fragment', 'nested', 'whole'];
  return fc.tuple(documentArb(schema), fc.constantFrom(...places)).map(([request, place]) => {
    const open = request.query.indexOf('{');
    const head = request.query.slice(0, open + 1);
    const rest = request.query.slice(open + 1);
    const dryRun = `fragment DryRun on Query { ${DRY_RUN_FIELD} }`;
    const query =
      place === 'top'
        ? `${head} ${DRY_RUN_FIELD} ${rest}`
        : place === 'inline'
          ? `${head} ... on Query { ${DRY_RUN_FIELD} } ${rest}`
          : place === 'fragment'
            ? `${head} ...DryRun ${rest} ${dryRun}`
            : place === 'nested'
              ? `${head} ...Outer ${rest} fragment Outer on Query { ... on Query { ...DryRun } } ${dryRun}`
              : `${head} ...Whole } fragment Whole on Query { ${DRY_RUN_FIELD} ${rest}`;
    return { query, variables: request.variables, place };
  });
}

/** How many users and tweets a mixed lookup names, up to 230 of each (over two batches of 100). */
const MAX_MIXED = 230;

/** X ids of one type: the known ones first, then made-up ones, or a few known ones repeated. */
function restIdsArb(known: readonly string[], base: number): fc.Arbitrary<string[]> {
  return fc
    .tuple(fc.integer({ min: 0, max: MAX_MIXED }), fc.boolean())
    .map(([count, repeated]) =>
      Array.from({ length: count }, (_, index) =>
        repeated ? (known[index % known.length] as string) : (known[index] ?? String(base + index)),
      ),
    );
}

/** A mixed lookup: its users and tweets interleaved, as global ids and as federation representations. */
export interface MixedLookup {
  readonly ids: string[];
  readonly representations: { __typename: 'User' | 'Tweet'; restId: string }[];
}

/**
 * Users and tweets mixed in one list (up to 230 of each, so over two batches of 100 of each; sometimes a
 * few ids repeated), interleaved in runs of 1 to 7.
 */
export const mixedLookupArb: fc.Arbitrary<MixedLookup> = fc
  .tuple(restIdsArb(KNOWN_IDS, 100_000), restIdsArb(KNOWN_TWEETS, 5_000_000), fc.integer({ min: 1, max: 7 }))
  .map(([users, tweets, run]) => {
    const representations: MixedLookup['representations'] = [];
    for (let index = 0; index < Math.max(users.length, tweets.length); index += run) {
      for (const restId of users.slice(index, index + run))
        representations.push({ __typename: 'User', restId });
      for (const restId of tweets.slice(index, index + run))
        representations.push({ __typename: 'Tweet', restId });
    }
    return {
      ids: representations.map(({ __typename, restId }) => encodeGlobalId(__typename, restId)),
      representations,
    };
  });
