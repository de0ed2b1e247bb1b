import { printSubgraphSchema } from '@apollo/subgraph';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schema } from './src/schema/index.ts';

/**
 * `npm run codegen` (GraphQL Code Generator): writes the committed `schema.graphql` from the
 * executable schema of `src/schema`, its Federation subgraph SDL to `subgraph.graphql`, and typed
 * documents (`TypedDocumentNode`s with result and variables types) for the operations of `documents/`
 * to `src/generated/operations.ts`. `test/codegen.test.ts` fails when any of them is stale.
 */

/** The schema's SDL, types sorted by name (the schema is built sorted). */
export function printGatewaySchema(): string {
  return printSchema(schema);
}

/** The configuration `graphql-codegen --config codegen.ts` runs. */
const config: CodegenConfig = {
  overwrite: true,
  schema: printGatewaySchema(),
  documents: ['documents/*.graphql'],
  generates: {
    'schema.graphql': {
      plugins: ['schema-ast'],
      config: { includeDirectives: true },
    },
    // The Federation v2 subgraph SDL (what `_service { sdl }` serves), for `rover`/composition.
    'subgraph.graphql': {
      plugins: [{ add: { content: printSubgraphSchema(schema) } }],
    },
    'src/generated/operations.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        skipTypename: true,
        scalars: { ID: 'string', DateTime: 'string', JSON: 'unknown', _Any: 'unknown' },
        strictScalars: true,
      },
    },
  },
};

export default config;
