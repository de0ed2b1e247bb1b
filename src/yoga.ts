import type { APQStore } from '@graphql-yoga/plugin-apq';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance, type YogaServerOptions } from 'graphql-yoga';
import { AnswerResponse } from './answer-response.ts';
import { useCompiledExecution } from './compiled-execution.ts';
import { DEFAULT_COMPRESSION_MIN_BYTES, DEFAULT_MAX_REQUEST_BODY_BYTES } from './config-defaults.ts';
import { contextFromRequest, type GatewayContext, type SessionSource } from './context.ts';
import { DEFAULT_MAX_UPSTREAM_CALLS } from './cost/price.ts';
import { loadPersistedOperations } from './persisted-operations-file.ts';
import { planErrors, planRequest } from './pipeline.ts';
import { PlanCache } from './plan/plan-cache.ts';
import { AdmissionGate, type AdmissionOptions, useAdmission } from './plugins/admission.ts';
import { useAnswerBytesReturn } from './plugins/answer-bytes-return.ts';
import { useAutomaticPersistedQueries } from './plugins/automatic-persisted-queries.ts';
import { useCompression } from './plugins/compression.ts';
import { type CostPluginOptions, useCost } from './plugins/cost.ts';
import { useCsrfPrevention } from './plugins/csrf-prevention.ts';
import { documentCaches } from './plugins/document-cache.ts';
import { maskGatewayError, requestError, useGatewayErrors } from './plugins/gateway-errors.ts';
import { type OperationLimits, useOperationLimits } from './plugins/limits.ts';
import { usePersistedOperations } from './plugins/persisted-operations.ts';
import { useRequestBodyLimit } from './plugins/request-body-limit.ts';
import { requestContextOf } from './plugins/request-id.ts';
import { useRequestRelease } from './plugins/request-release.ts';
import { useSupportedOperationTypes } from './plugins/root-operation-types.ts';
import { useSearchParamsParser } from './plugins/search-params.ts';
import { useNoSubgraphSdl } from './plugins/subgraph-sdl.ts';
import type { XClient } from './rest/client.ts';
import { GatewayError } from './rest/errors.ts';
import { schema as gatewaySchema } from './schema/index.ts';

/** Options of {@link createGatewayYoga}: Yoga's own (CORS, GraphiQL, logging, plugins, ...) plus the gateway's. */
export interface GatewayYogaOptions
  extends Omit<
    YogaServerOptions<Record<string, unknown>, GatewayContext>,
    'schema' | 'context' | 'maskedErrors'
  > {
  /** Makes one `XSession` per request: the REST client of `src/rest/client.ts`. */
  readonly client: SessionSource;
  /** Mask unexpected errors; gateway errors always keep their contract code. @default true */
  readonly maskedErrors?: boolean;
  /** Serve schema introspection; when false, GraphiQL is off too. @default true */
  readonly introspection?: boolean;
  /** Serve the subgraph SDL (`_sdl`, `_service`) a router reads (`X_SUBGRAPH_SDL`). @default introspection */
  readonly subgraphSdl?: boolean;
  /** The plans of recent operations (see `PlanCache`). @default a new PlanCache() */
  readonly planCache?: PlanCache;
  /** The most upstream calls one query may plan (`X_MAX_UPSTREAM_CALLS`), for the cost plugin. @default 15 */
  readonly maxUpstreamCalls?: number;
  /**
   * The fewest items a list page's first call asks X for (`X_READ_AHEAD`, at most 1,000), so that later
   * pages of the same walk come from the cached page; 0: off. @default 0
   */
  readonly readAhead?: number;
  /**
   * X's pay-per-use billing: per-resource prices (`X_PRICES`), the most one query may cost
   * (`X_MAX_USD_PER_QUERY`, micro-dollars) and the most per UTC day (`X_MAX_USD_PER_DAY`), and a
   * listener of what each query was billed. @default X's published prices, $20 per query, no daily limit
   */
  readonly spend?: Pick<CostPluginOptions, 'prices' | 'maxMicrosPerQuery' | 'maxMicrosPerDay' | 'onBilled'>;
  /** A file of allowed operations (`X_PERSISTED_OPERATIONS`): when set, only those run. */
  readonly persistedOperationsPath?: string | undefined;
  /**
   * Automatic persisted queries (Apollo's `createPersistedQueryLink`): the registry of hashes to documents,
   * or `false` for none. Off whenever `persistedOperationsPath` is set (only its operations run).
   * @default a bounded `createPersistedQueryStore()`
   */
  readonly persistedQueries?: APQStore | false;
  /** The largest request body, in bytes (`MAX_REQUEST_BODY_BYTES`); `false` for none. @default DEFAULT_MAX_REQUEST_BODY_BYTES */
  readonly maxRequestBodySize?: number | false;
  /** Operation limits (variables and extensions, document size, tokens, depth, aliases, directives, root fields). @default DEFAULT_OPERATION_LIMITS */
  readonly limits?: Partial<OperationLimits>;
  /** Keep "Did you mean ...?" suggestions in validation errors. @default true unless NODE_ENV is `production` */
  readonly fieldSuggestions?: boolean;
  /** Refuse simple (non-preflighted) cross-site POSTs. @default true */
  readonly csrfPrevention?: boolean;
  /**
   * Admission control: how many operations execute at once and how many may wait (see `AdmissionGate`);
   * `false` for none. @default a gate with `DEFAULT_MAX_CONCURRENT_OPERATIONS` and `DEFAULT_MAX_QUEUED_OPERATIONS`
   */
  readonly admission?: AdmissionGate | AdmissionOptions | false;
  /**
   * Answers of at least this many bytes go out `br` or `gzip` when the client accepts it
   * (`COMPRESSION_MIN_BYTES`); `false` for none. @default DEFAULT_COMPRESSION_MIN_BYTES
   */
  readonly compressionMinBytes?: number | false;
  /**
   * Let lists project their items without the executor when every selected field is at hand (see
   * `src/projection/list-projection.ts`); the answers are the same either way. @default true
   */
  readonly projectLists?: boolean;
  /** Extra Envelop/Yoga plugins, run after the planner. @default [] */
  readonly plugins?: Plugin[];
}

/**
 * The gateway's Yoga instance (it never listens: hand it to `node:http` or call `yoga.fetch`). Per request
 * it builds the context (session from the `Authorization` header, loaders), plans the operation once before
 * execution (rejecting bad arguments before any upstream call) and turns gateway errors into GraphQL
 * errors with their contract codes while masking everything unexpected.
 */
export function createGatewayYoga(
  options: GatewayYogaOptions,
): YogaServerInstance<Record<string, unknown>, GatewayContext> {
  const {
    client,
    maskedErrors = true,
    introspection = true,
    subgraphSdl = introspection,
    planCache,
    maxUpstreamCalls = DEFAULT_MAX_UPSTREAM_CALLS,
    readAhead = 0,
    spend = {},
    persistedOperationsPath,
    persistedQueries,
    limits,
    fieldSuggestions,
    csrfPrevention = true,
    admission = {},
    maxRequestBodySize = DEFAULT_MAX_REQUEST_BODY_BYTES,
    compressionMinBytes = DEFAULT_COMPRESSION_MIN_BYTES,
    projectLists = true,
    plugins = [],
    ...yogaOptions
  } = options;
  const persisted = persistedOperationsPath ? loadPersistedOperations(persistedOperationsPath) : undefined;
  return createYoga<Record<string, unknown>, GatewayContext>({
    ...yogaOptions,
    // GraphiQL without introspection could not show the schema: it follows the same switch.
    ...(introspection ? {} : { graphiql: false }),
    schema: gatewaySchema,
    // Large answers are written as bytes (see `AnswerResponse`); a caller's own Fetch API still wins.
    fetchAPI: { Response: AnswerResponse, ...yogaOptions.fetchAPI },
    context: ({ request }) => {
      try {
        // The request's context (request id, counters) tags its session: its upstream events carry it.
        return contextFromRequest(client, request, requestContextOf(request));
      } catch (error) {
        throw error instanceof GatewayError ? requestError(error) : error;
      }
    },
    maskedErrors: maskedErrors ? { maskError: maskGatewayError } : false,
    // Parsed documents bounded in bytes; what is derived from a document goes with it.
    parserAndValidationCache: yogaOptions.parserAndValidationCache ?? documentCaches(),
    // Checked by `useRequestBodyLimit` below, which counts only bodies without a Content-Length.
    maxRequestBodySize: false,
    // GraphQL over HTTP's persisted documents name their operation by `documentId`.
    ...(persisted ? { extraParamNames: [...(yogaOptions.extraParamNames ?? []), 'documentId'] } : {}),
    plugins: [
      // Before the body limit, which wraps the parser it sets for form bodies.
      useSearchParamsParser(),
      ...(maxRequestBodySize === false ? [] : [useRequestBodyLimit(maxRequestBodySize)]),
      ...(csrfPrevention ? [useCsrfPrevention()] : []),
      // With an allow-list, a hash names one of its operations and nothing is registered.
      ...(persisted
        ? [usePersistedOperations(persisted)]
        : persistedQueries === false
          ? []
          : [useAutomaticPersistedQueries(persistedQueries)]),
      ...useOperationLimits({
        ...(limits ? { limits } : {}),
        ...(fieldSuggestions === undefined ? {} : { fieldSuggestions }),
      }),
      ...(introspection ? [] : [useNoIntrospection()]),
      ...(subgraphSdl ? [] : [useNoSubgraphSdl()]),
      useSupportedOperationTypes(),
      // Compiled execution first: the cost plugin's dry run wraps whichever execute function it finds.
      useCompiledExecution({ projectLists }),
      usePlanning(planCache, readAhead),
      useCost({ maxUpstreamCalls, ...spend, ...sharedRateLimits(client) }),
      useGatewayErrors(),
      // Empties what each request read once its response is built (see the plugin).
      useRequestRelease(),
      // Large answers' buffers back to their pool once written; before compression, which replaces them.
      useAnswerBytesReturn(),
      // Last of the plugins that choose the execute function, so a turn covers the whole execution.
      ...(admission === false
        ? []
        : [useAdmission(admission instanceof AdmissionGate ? admission : new AdmissionGate(admission))]),
      ...plugins,
      // Last: it compresses the final body, after every plugin that touches the response.
      ...(compressionMinBytes === false ? [] : [useCompression(compressionMinBytes)]),
    ],
  });
}

/** The client's shared rate-limit state (`XClient.sharedRateLimitsFor`), when it has one. */
function sharedRateLimits(client: SessionSource): Pick<CostPluginOptions, 'sharedRateLimitsFor'> {
  const { sharedRateLimitsFor: shared, shared: level } = client as Partial<
    Pick<XClient, 'sharedRateLimitsFor' | 'shared'>
  >;
  // A client without a shared level knows only its own state, which pricing reads from the session.
  return shared && level !== false ? { sharedRateLimitsFor: (key) => shared.call(client, key) } : {};
}

/** Rejects introspection queries at validation. */
function useNoIntrospection(): Plugin {
  return {
    onValidate: ({ addValidationRule }) => {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/**
 * Plans each operation once, before execution, and stores the plan in the context for the resolvers
 * (and later plugins, such as the cost estimator, which read `context.plan`). An operation with bad
 * arguments (out-of-range `first`, malformed ids or cursors) is answered with `BAD_USER_INPUT` errors at
 * their paths and never executes, so it makes no upstream call. Plans are kept in `cache`, keyed by the
 * document, the operation and the values sent for the variables it declares (see `planRequest`); a cache
 * serves one `readAhead` (`X_READ_AHEAD`), the one its plans were made with.
 */
export function usePlanning(cache: PlanCache = new PlanCache(), readAhead = 0): Plugin<GatewayContext> {
  return {
    onExecute: ({ args, setResultAndStopExecution }) => {
      const plan = planRequest(args, { cache, readAhead });
      if (!('nodes' in plan)) {
        // Variables that do not fit their types: nothing to plan.
        setResultAndStopExecution({ errors: plan });
        return;
      }
      (args.contextValue as GatewayContext).plan = plan;
      if (plan.errors.length === 0) return;
      setResultAndStopExecution({ errors: planErrors(plan) });
    },
  };
}
