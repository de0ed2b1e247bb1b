import { readFileSync } from 'node:fs';

/**
 * The file of `X_PERSISTED_OPERATIONS`: a JSON object of operation ids to documents, read (and so checked)
 * by `src/config.ts` at start-up and by `src/yoga.ts` for the persisted-operations plugin.
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
