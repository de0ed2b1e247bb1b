import { stitchingDirectives } from '@graphql-tools/stitching-directives';
import {
  type ConstDirectiveNode,
  type DefinitionNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  print,
  printSchema,
} from 'graphql';

/**
 * The schema-stitching face of the gateway: its SDL with the directives of
 * `@graphql-tools/stitching-directives`, so a stitching gateway (`stitchingDirectivesTransformer`) merges
 * `User` on `restId` through `users(restIds:)` (a list: one batched call per merge) and `Tweet` through
 * `tweet(restId:)`. Federation's own types and fields (`_entities`, `_service`, `_Any`, ...) are left out:
 * stitching does not use them.
 */

/** Types and root fields that belong to Federation or to this SDL's own publication. */
const LEFT_OUT_TYPES = new Set(['_Any', '_Entity', '_Service', 'link__Import', 'FieldSet']);
const LEFT_OUT_QUERY_FIELDS = new Set(['_entities', '_service', '_sdl']);

/** The merged types, with the root field that resolves many (or one) of each by `restId`. */
const MERGED_TYPES: Readonly<Record<string, { field: string; keyArg: string }>> = {
  User: { field: 'users', keyArg: 'restIds' },
  Tweet: { field: 'tweet', keyArg: 'restId' },
};

/** A directive node with string arguments. */
function directive(name: string, args: Readonly<Record<string, string>> = {}): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: name },
    arguments: Object.entries(args).map(([argName, value]) => ({
      kind: Kind.ARGUMENT,
      name: { kind: Kind.NAME, value: argName },
      value: { kind: Kind.STRING, value },
    })),
  };
}

/** `Query` with the federation fields left out and `@merge` on the merging fields. */
function stitchQuery(query: ObjectTypeDefinitionNode): ObjectTypeDefinitionNode {
  const mergers = new Map(Object.values(MERGED_TYPES).map((merged) => [merged.field, merged.keyArg]));
  const fields: FieldDefinitionNode[] = [];
  for (const field of query.fields ?? []) {
    if (LEFT_OUT_QUERY_FIELDS.has(field.name.value)) continue;
    const keyArg = mergers.get(field.name.value);
    fields.push(
      keyArg === undefined
        ? field
        : {
            ...field,
            directives: [...(field.directives ?? []), directive('merge', { keyField: 'restId', keyArg })],
          },
    );
  }
  return { ...query, fields };
}

/** One definition of the stitching SDL, or undefined when it is left out. */
function stitchDefinition(definition: DefinitionNode): DefinitionNode | undefined {
  if (definition.kind === Kind.DIRECTIVE_DEFINITION) return undefined;
  if (!('name' in definition) || !definition.name) return definition;
  if (LEFT_OUT_TYPES.has(definition.name.value)) return undefined;
  if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return definition;
  if (definition.name.value === 'Query') return stitchQuery(definition);
  if (!MERGED_TYPES[definition.name.value]) return definition;
  return {
    ...definition,
    directives: [
      ...(definition.directives ?? []),
      directive('key', { selectionSet: '{ restId }' }),
      directive('canonical'),
    ],
  };
}

/**
 * Prints the gateway schema's SDL for stitching gateways: the stitching directives' definitions, then every
 * type of the schema, `User`/`Tweet` with `@key(selectionSet: "{ restId }") @canonical`, `Query.users` and
 * `Query.tweet` with `@merge(keyField: "restId", keyArg: ...)`.
 */
export function printStitchingSdl(schema: GraphQLSchema): string {
  const document = parse(printSchema(schema));
  const definitions = document.definitions.flatMap((definition) => stitchDefinition(definition) ?? []);
  const { stitchingDirectivesTypeDefs } = stitchingDirectives();
  return `${stitchingDirectivesTypeDefs}\n\n${print({ ...document, definitions })}\n`;
}
