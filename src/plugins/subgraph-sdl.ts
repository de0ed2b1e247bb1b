import { GraphQLError, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The root fields that publish the schema to a router: Federation's `_service` and stitching's `_sdl`. */
const SDL_FIELDS = new Set(['_service', '_sdl']);

/**
 * Refuses `_sdl` and `_service` at validation (400 `GRAPHQL_VALIDATION_FAILED`), for a gateway that does
 * not publish its schema (`X_INTROSPECTION=false` without `X_SUBGRAPH_SDL=true`): they print the whole SDL,
 * which is what turning introspection off hides.
 */
export function useNoSubgraphSdl(): Plugin {
  const rule: ValidationRule = (context) => ({
    Field: (field) => {
      if (!SDL_FIELDS.has(field.name.value)) return;
      if (context.getParentType() !== context.getSchema().getQueryType()) return;
      context.reportError(
        new GraphQLError(
          `\`${field.name.value}\` is off: this gateway does not publish its schema (X_INTROSPECTION=false). ` +
            'Set X_SUBGRAPH_SDL=true to let a router read it.',
          { nodes: [field], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
        ),
      );
    },
  });
  return { onValidate: ({ addValidationRule }) => addValidationRule(rule) };
}
