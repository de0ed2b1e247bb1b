import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * The persisted-operations-only mode (`X_PERSISTED_OPERATIONS=<file>`): only the operations of the file
 * run. The file is a JSON object of operation ids to documents, as graphql-codegen's client preset writes
 * it (`persistedDocuments: true`; ids are usually `sha256:<hex>` or bare hex digests). A request names
 * its operation by `documentId` (GraphQL over HTTP), by `extensions.persistedQuery.sha256Hash` (Apollo's
 * protocol), or sends a document that is one of the file's, character for character.
 */

/** The allowed operations: by id, and the set of their texts. */
export interface PersistedOperations {
  readonly byId: ReadonlyMap<string, string>;
  readonly texts: ReadonlySet<string>;
}

/** Reads the file; throws `TypeError` naming `X_PERSISTED_OPERATIONS` and the expected form. */
export function loadPersistedOperations(path: string): PersistedOperations {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TypeError(
      `X_PERSISTED_OPERATIONS: ${path} must be a JSON object of operation ids to documents (${(error as Error).message}).`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError(
      `X_PERSISTED_OPERATIONS: ${path} must be a JSON object of operation ids to documents.`,
    );
  }
  const byId = new Map<string, string>();
  for (const [id, document] of Object.entries(parsed)) {
    if (typeof document !== 'string' || document.trim() === '') {
      throw new TypeError(
        `X_PERSISTED_OPERATIONS: the operation ${JSON.stringify(id)} of ${path} is not a document.`,
      );
    }
    byId.set(id, document);
    // A sha256 id may be sent with or without its `sha256:` prefix.
    if (id.startsWith('sha256:')) byId.set(id.slice('sha256:'.length), document);
  }
  return { byId, texts: new Set(byId.values()) };
}

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
