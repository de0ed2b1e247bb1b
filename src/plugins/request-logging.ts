import { type DefinitionNode, Kind, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../observability/logger.ts';
import { truncateForLog } from '../observability/truncate.ts';
import { requestContextOf } from './request-id.ts';

/**
 * The access log: one line per HTTP request when its response is ready, with the method, path
 * (never the query string, which may hold a token), status, duration, GraphQL operation name,
 * upstream calls, cache hits and the contract codes of its errors. The client's strings (path, operation
 * name) are cut to `MAX_CLIENT_STRING_LENGTH` characters with a marker.
 */

/** Options of `useRequestLogging`. */
export interface RequestLoggingOptions {
  readonly logger: Logger;
}

/** Per-request GraphQL facts gathered before the response. */
interface GraphQLFacts {
  operationName?: string;
  errorCodes: string[];
}

/** The access-log plugin; needs `useRequestId` registered before it. */
export function useRequestLogging(options: RequestLoggingOptions): Plugin {
  const facts = new WeakMap<Request, GraphQLFacts>();
  const factsOf = (request: Request): GraphQLFacts => {
    let found = facts.get(request);
    if (!found) {
      found = { errorCodes: [] };
      facts.set(request, found);
    }
    return found;
  };
  return {
    onParams({ params, request }) {
      if (typeof params.operationName === 'string')
        factsOf(request).operationName = truncateForLog(params.operationName);
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (!request) return;
      const operation = args.document.definitions.find(
        (definition: DefinitionNode) => definition.kind === Kind.OPERATION_DEFINITION,
      ) as OperationDefinitionNode | undefined;
      const facts = factsOf(request);
      const name = operation?.name?.value;
      facts.operationName ??= name === undefined ? undefined : truncateForLog(name);
    },
    onExecutionResult({ request, result }) {
      const results = Array.isArray(result) ? result : [result];
      for (const one of results) {
        if (!one || typeof one !== 'object' || !('errors' in one)) continue;
        for (const error of one.errors ?? []) {
          factsOf(request).errorCodes.push(String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
        }
      }
    },
    onResponse({ request, response }) {
      const level = response.status >= 500 ? 'error' : 'info';
      // Below the logger's level (`LOG_LEVEL=warn`) the line is not written: nothing to build.
      if (!options.logger.isEnabled(level)) return;
      const context = requestContextOf(request);
      const graphql = facts.get(request);
      const fields: Record<string, unknown> = {
        method: request.method,
        path: truncateForLog(new URL(request.url).pathname),
        status: response.status,
        durationMs: context ? Math.round((performance.now() - context.startedAt) * 10) / 10 : undefined,
      };
      if (context?.requestId) fields.requestId = context.requestId;
      if (graphql?.operationName) fields.operationName = graphql.operationName;
      if (context) {
        fields.upstreamCalls = context.upstreamCalls;
        fields.cacheHits = context.cacheHits;
      }
      if (graphql && graphql.errorCodes.length > 0) fields.errorCodes = [...new Set(graphql.errorCodes)];
      options.logger[level]('request', fields);
    },
  };
}
