import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { OperationPlan } from './plan-types.ts';

/**
 * The plans of recent requests, keyed by what a plan depends on and nothing else: the document (Yoga's
 * parser cache hands out one `DocumentNode` per query text), the operation, and the coerced values of the
 * variables that operation declares (validation refuses a declared variable the operation does not use).
 * Variables a request sends but the operation does not declare are not part of the key, so they cannot
 * make the cache grow. Bounded in entries and in (estimated) bytes; a plan whose key alone is too large
 * (a huge variable value) is planned each time and never kept.
 */

/** Options of {@link PlanCache}. */
export interface PlanCacheOptions {
  /** The most plans kept. @default 2048 */
  readonly maxEntries?: number;
  /** The most estimated bytes kept (keys and plans). @default 16 MiB */
  readonly maxBytes?: number;
  /** The largest estimated size of one kept plan; larger ones are not kept. @default 256 KiB */
  readonly maxEntryBytes?: number;
  /** How long an unused plan is kept. @default 1 hour */
  readonly ttlMs?: number;
}

/** Estimated bytes of one plan node (its path, field sets and calls), for the byte bound. */
const PLAN_NODE_BYTES = 512;

/** An LRU of operation plans, bounded in entries and bytes. */
export class PlanCache {
  readonly #plans: LRUCache<string, OperationPlan>;
  readonly #documentIds = new WeakMap<DocumentNode, number>();
  #nextDocumentId = 0;

  constructor(options: PlanCacheOptions = {}) {
    this.#plans = new LRUCache<string, OperationPlan>({
      max: options.maxEntries ?? 2048,
      maxSize: options.maxBytes ?? 16 * 1024 * 1024,
      maxEntrySize: options.maxEntryBytes ?? 256 * 1024,
      // UTF-16 keys: two bytes a character.
      sizeCalculation: (plan, key) => 2 * key.length + PLAN_NODE_BYTES * (plan.nodes.size + 1),
      ttl: options.ttlMs ?? 60 * 60_000,
      updateAgeOnGet: true,
    });
  }

  /**
   * The key of an operation of a document with its coerced variables (in declaration order), or
   * undefined when the variables are too large to key (the plan is then not kept).
   */
  keyOf(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    coercedVariables: Readonly<Record<string, unknown>>,
  ): string | undefined {
    let id = this.#documentIds.get(document);
    if (id === undefined) {
      id = this.#nextDocumentId++;
      this.#documentIds.set(document, id);
    }
    const variables = JSON.stringify(coercedVariables);
    // Checked before building the key, so an oversized value is not copied again.
    if (2 * variables.length > this.#plans.maxEntrySize) return undefined;
    return `${id}\u0000${operation.name?.value ?? ''}\u0000${variables}`;
  }

  /** The plan kept under `key`, if any. */
  get(key: string): OperationPlan | undefined {
    return this.#plans.get(key);
  }

  /** Keeps a plan (or not, when it is larger than one entry may be). */
  set(key: string, plan: OperationPlan): void {
    this.#plans.set(key, plan);
  }

  /** The number of plans kept. */
  get size(): number {
    return this.#plans.size;
  }

  /** The estimated bytes kept. */
  get calculatedSize(): number {
    return this.#plans.calculatedSize;
  }
}
