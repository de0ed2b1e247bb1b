import { GraphQLError, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Refuses, at validation, an operation whose root type the schema does not have: the gateway only reads,
 * so `mutation { __typename }` and `subscription { __typename }` are request errors (400
 * `GRAPHQL_VALIDATION_FAILED`) naming what is missing, not execution faults.
 */
export function useSupportedOperationTypes(): Plugin {
  const rule: ValidationRule = (context) => ({
    OperationDefinition: (operation) => {
      if (context.getSchema().getRootType(operation.operation)) return;
      context.reportError(
        new GraphQLError(
          `This schema has no ${operation.operation} type, so a ${operation.operation} operation cannot run: ` +
            'the gateway only reads. Send a `query`.',
          { nodes: [operation], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
        ),
      );
    },
  });
  return { onValidate: ({ addValidationRule }) => addValidationRule(rule) };
}
