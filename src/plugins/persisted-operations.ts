import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { PersistedOperations } from '../persisted-operations-file.ts';

/**
 * The persisted-operations-only mode (`X_PERSISTED_OPERATIONS=<file>`): only the operations of the file
 * run. The file is a JSON object of operation ids to documents, as graphql-codegen's client preset writes
 * it (`persistedDocuments: true`; ids are usually `sha256:<hex>` or bare hex digests). A request names
 * its operation by `documentId` (GraphQL over HTTP), by `extensions.persistedQuery.sha256Hash` (Apollo's
 * protocol), or sends a document that is one of the file's, character for character.
 */

/** The sha256 hex digest of a document, as Apollo's persisted queries name it. */
export function documentHash(document: string): string {
  return createHash('sha256').update(document, 'utf8').digest('hex');
}

/** Runs only the given operations; anything else is refused before parsing. */
export function usePersistedOperations(operations: PersistedOperations): Plugin {
  return {
    onParams: ({ params, setParams }) => {
      const raw = params as typeof params & { documentId?: unknown };
      const persisted = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)
        ?.sha256Hash;
      const id = typeof raw.documentId === 'string' ? raw.documentId : persisted;
      if (typeof id === 'string') {
        const document = operations.byId.get(id);
        if (document === undefined)
          throw refusal(
            `No persisted operation has the id ${JSON.stringify(id.slice(0, 80))}.`,
            'PERSISTED_QUERY_NOT_FOUND',
          );
        setParams({ ...params, query: document });
        return;
      }
      if (typeof params.query === 'string' && operations.texts.has(params.query)) return;
      throw refusal(
        'This gateway runs only persisted operations (X_PERSISTED_OPERATIONS): send `documentId` with the id ' +
          'of one, or its exact text.',
        'PERSISTED_QUERY_ONLY',
      );
    },
  };
}

/** A refusal of the request, with its code. */
function refusal(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}
