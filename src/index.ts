import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import {
  contextFromRequest,
  createGatewayContext,
  type GatewayContext,
  type SessionSource,
} from './context.ts';
import { createGatewayExecutor, type GatewayExecutor } from './library/executor.ts';
import { createXClient } from './rest/client.ts';
import type { XClientOptions } from './rest/options.ts';
import { schema as gatewaySchema } from './schema/index.ts';
import { printStitchingSdl } from './schema/stitching-sdl.ts';

/**
 * The package's library entry (`import { createGatewaySchema } from 'x-graphql-gateway'`): the gateway's
 * executable schema with its per-request loaders, for in-process schema stitching or any GraphQL server.
 * The package ships it compiled to ESM JavaScript with its `.d.ts` (`npm run build`, see docs/package.md).
 */

export type { GatewayContext, SessionSource } from './context.ts';
export type { DelegatedRequest, GatewayExecutor } from './library/executor.ts';
export type { XClientOptions } from './rest/options.ts';

/** Options of {@link createGatewaySchema}: an existing session source, or the options of a new X client. */
export type GatewaySchemaOptions =
  | {
      /** Makes one X session per request (an `XClient`, or a fake in tests). */
      readonly client: SessionSource;
      /**
       * The OAuth 2.0 user token of a stitching gateway's request, read from its context; the app's
       * credentials are used when it returns undefined. @default () => undefined
       */
      readonly userTokenOf?: (outerContext: unknown) => string | undefined;
      /** The most upstream calls one delegated operation may plan (`X_MAX_UPSTREAM_CALLS`). @default 15 */
      readonly maxUpstreamCalls?: number;
    }
  | {
      /** Options of the X client the schema creates (and closes with `close()`). */
      readonly x: XClientOptions;
      /** See above. @default () => undefined */
      readonly userTokenOf?: (outerContext: unknown) => string | undefined;
      /** See above. @default 15 */
      readonly maxUpstreamCalls?: number;
    };

/** The gateway as a library. */
export interface GatewaySchema {
  /** The executable schema (a Federation v2 subgraph); its resolvers need a {@link GatewayContext}. */
  readonly schema: GraphQLSchema;
  /** The subgraph SDL with Federation directives (what `_service { sdl }` serves). */
  readonly subgraphSdl: string;
  /** The SDL with stitching directives (what `_sdl` serves). */
  readonly stitchingSdl: string;
  /**
   * The context of one request: a session for `userToken` (else the app's credentials) and fresh loaders.
   * graphql's own `execute` with it plans and prices each operation like `/graphql` does: too costly is
   * `QUERY_TOO_COSTLY`, bad arguments `BAD_USER_INPUT`, before any call to X.
   */
  createContext(auth?: { readonly userToken?: string | undefined }): GatewayContext;
  /** The context of an HTTP request, from its `Authorization: Bearer` header (`UNAUTHENTICATED` if malformed). */
  contextFromRequest(request: Request): GatewayContext;
  /** An executor for a stitching subschema: delegations of one outer request share its loaders. */
  readonly executor: GatewayExecutor;
  /** Closes the X client when this schema created it; a no-op with an injected `client`. */
  close(): Promise<void>;
}

/**
 * The gateway's executable schema with the same loaders `/graphql` uses. For in-process stitching:
 *
 * ```ts
 * const gateway = createGatewaySchema({ x: { baseUrl: 'https://api.x.com', bearerToken } });
 * const stitched = stitchSchemas({
 *   subschemaConfigTransforms: [stitchingDirectivesTransformer],
 *   subschemas: [{ schema: buildSchema(gateway.stitchingSdl), executor: gateway.executor }, accounts],
 * });
 * ```
 */
export function createGatewaySchema(options: GatewaySchemaOptions): GatewaySchema {
  const client = 'client' in options ? options.client : createXClient(options.x);
  const owned = 'client' in options ? undefined : (client as ReturnType<typeof createXClient>);
  const userTokenOf = options.userTokenOf ?? (() => undefined);
  const { maxUpstreamCalls } = options;
  // Resolvers plan and price an operation no plugin planned (graphql's own `execute`) with these limits.
  const limited = (context: GatewayContext): GatewayContext =>
    maxUpstreamCalls === undefined ? context : { ...context, maxUpstreamCalls };
  const createContext = (auth: { readonly userToken?: string | undefined } = {}) =>
    limited(createGatewayContext(client.session({ userToken: auth.userToken })));
  return {
    schema: gatewaySchema,
    subgraphSdl: printSubgraphSchema(gatewaySchema),
    stitchingSdl: printStitchingSdl(gatewaySchema),
    createContext,
    contextFromRequest: (request) => limited(contextFromRequest(client, request)),
    executor: createGatewayExecutor(
      gatewaySchema,
      (outer) => createContext({ userToken: userTokenOf(outer) }),
      options.maxUpstreamCalls === undefined ? {} : { maxUpstreamCalls: options.maxUpstreamCalls },
    ),
    close: async () => {
      await owned?.close();
    },
  };
}
