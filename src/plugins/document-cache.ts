import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * Yoga's parser cache (`parserAndValidationCache`), bounded in bytes as well as entries: parsed documents
 * and parse errors by query text. Yoga's default keeps 1,024 of each with no byte bound, and a document
 * at the token limit (2,000 tokens) holds about 580 KB of AST, so 1,024 of them could hold 600 MB. Every
 * value derived from a document (validation results, compiled queries, plans) is kept per document and
 * goes with it.
 */

/** Options of {@link documentCaches}. */
export interface DocumentCacheOptions {
  /** The most documents (and, separately, parse errors) kept. @default 1024 */
  readonly maxEntries?: number;
  /** The most estimated bytes of parsed documents kept. @default 64 MiB */
  readonly maxBytes?: number;
  /** How long an unused document is kept. @default 1 hour */
  readonly ttlMs?: number;
}

/** Estimated heap bytes of a parsed document per character of its text (measured: 93 for 2,000 tokens). */
const AST_BYTES_PER_CHARACTER = 100;
/** Estimated heap bytes of a parse error besides its query text. */
const PARSE_ERROR_BYTES = 2048;

/** The document and parse-error caches of Yoga's `parserAndValidationCache` option. */
export function documentCaches(options: DocumentCacheOptions = {}): {
  documentCache: LRUCache<string, DocumentNode>;
  errorCache: LRUCache<string, object>;
} {
  const max = options.maxEntries ?? 1024;
  const maxSize = options.maxBytes ?? 64 * 1024 * 1024;
  const ttl = options.ttlMs ?? 60 * 60_000;
  return {
    documentCache: new LRUCache<string, DocumentNode>({
      max,
      maxSize,
      sizeCalculation: (_document, text) => Math.max(1, AST_BYTES_PER_CHARACTER * text.length),
      ttl,
    }),
    errorCache: new LRUCache<string, object>({
      max,
      maxSize: maxSize / 4,
      sizeCalculation: (_error, text) => 2 * text.length + PARSE_ERROR_BYTES,
      ttl,
    }),
  };
}
