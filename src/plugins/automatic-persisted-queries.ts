import { createHash } from 'node:crypto';
import { type APQStore, useAPQ } from '@graphql-yoga/plugin-apq';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { DEFAULT_OPERATION_LIMITS } from './limits.ts';

/**
 * Automatic persisted queries (Apollo's protocol, `extensions.persistedQuery.sha256Hash`) through Yoga's
 * plugin (`@graphql-yoga/plugin-apq`): a request with only a hash runs the document registered under it,
 * or fails with `PERSISTED_QUERY_NOT_FOUND` (404); the client then sends the document with its hash,
 * which is checked (`PERSISTED_QUERY_MISMATCH`, 400) and registered. The registry is bounded in entries,
 * in bytes and in time, and refuses documents over the document limit, so that no client can grow the
 * process by registering documents. With `X_PERSISTED_OPERATIONS` the gateway does not register any:
 * the hashes of the allow-list are the only ones (`persisted-operations.ts`).
 */

/** Options of {@link createPersistedQueryStore}. */
export interface PersistedQueryStoreOptions {
  /** The most documents kept. @default 1000 */
  readonly maxEntries?: number;
  /** The most bytes of documents (and hashes) kept. @default 4194304 (4 MiB) */
  readonly maxBytes?: number;
  /** How long a document stays registered after it was sent (use does not extend it). @default 3600000 (1 hour) */
  readonly ttlMs?: number;
  /** The largest document registered, in UTF-8 bytes. @default DEFAULT_OPERATION_LIMITS.maxDocumentBytes */
  readonly maxDocumentBytes?: number;
}

/** The registry of hashes to documents: an LRU cache bounded in entries, bytes and time. */
export function createPersistedQueryStore(options: PersistedQueryStoreOptions = {}): APQStore {
  const cache = new LRUCache<string, string>({
    max: options.maxEntries ?? 1000,
    maxSize: options.maxBytes ?? 4 * 1024 * 1024,
    // Larger documents are not kept (the document limit refuses them anyway).
    maxEntrySize: (options.maxDocumentBytes ?? DEFAULT_OPERATION_LIMITS.maxDocumentBytes) + 64,
    sizeCalculation: (document, hash) => Buffer.byteLength(document, 'utf8') + hash.length,
    ttl: options.ttlMs ?? 3_600_000,
  });
  return {
    get: (hash) => cache.get(hash),
    set: (hash, document) => {
      cache.set(hash, document);
    },
  };
}

/** The sha256 hex digest of a document (node:crypto, synchronous). */
function sha256(document: string): string {
  return createHash('sha256').update(document, 'utf8').digest('hex');
}

/** The APQ plugin over `store`. */
export function useAutomaticPersistedQueries(store: APQStore = createPersistedQueryStore()): Plugin {
  return useAPQ({ store, hash: sha256 });
}
