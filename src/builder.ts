import SchemaBuilder from '@pothos/core';
import type { GatewayContext } from './context.ts';

/** The Pothos type configuration of the gateway schema. */
export interface GatewaySchemaTypes {
  Context: GatewayContext;
  Scalars: {
    /** ISO 8601 instants: X sends strings, resolvers may return strings or `Date`s. */
    DateTime: { Input: Date; Output: Date | string };
  };
  /** Fields are non-null unless they say `nullable: true`. */
  DefaultFieldNullability: false;
}

/**
 * The one Pothos builder of the gateway. It defines no types itself: each file under `src/schema`
 * adds its own, and `src/schema/index.ts` builds the schema once they are all imported.
 */
export const builder = new SchemaBuilder<GatewaySchemaTypes>({ defaultFieldNullability: false });

builder.queryType({
  description: 'The X API v2 user graph, read through the gateway.',
});
