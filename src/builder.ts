import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import type { GatewayContext } from './context.ts';

/** The Pothos type configuration of the gateway schema. */
export interface GatewaySchemaTypes {
  Context: GatewayContext;
  Scalars: {
    /** ISO 8601 instants: X sends strings, resolvers may return strings or `Date`s. */
    DateTime: { Input: Date; Output: Date | string };
    /** A value X sends without a schema in the spec, passed through as JSON. */
    JSON: { Input: unknown; Output: unknown };
  };
  /** Fields are non-null unless they say `nullable: true`. */
  DefaultFieldNullability: false;
}

/**
 * The one Pothos builder of the gateway. It defines no types itself: each file under `src/schema`
 * adds its own, and `src/schema/index.ts` builds the schema once they are all imported. The federation
 * plugin lets types be Federation v2 entities (`src/schema/federation.ts`) and builds the subgraph schema;
 * the directives plugin puts its directives (`@key`, `@shareable`, ...) in the printed subgraph SDL.
 */
export const builder = new SchemaBuilder<GatewaySchemaTypes>({
  plugins: [DirectivePlugin, FederationPlugin],
  defaultFieldNullability: false,
});

builder.queryType({
  description: 'The X API v2 user graph, read through the gateway.',
});
