import type { PageDirection } from '../loaders/list-paging.ts';
import { BadUserInputError } from '../rest/errors.ts';
import { ID_PATTERN, MAX_RESULTS, USERNAME_PATTERN } from '../rest/x-api.ts';

/**
 * Argument checks, shared by the planner (which rejects a bad operation before any upstream call) and the
 * resolvers (which repeat them when the schema runs without the planning plugin). Each throws
 * `BadUserInputError` naming the argument and the expected form.
 */

/** Page size when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 100;
/** The largest `first`/`last`, X's largest `max_results`. */
export const MAX_PAGE_SIZE = MAX_RESULTS;
/** The most ids or usernames one `users`/`usersByUsername`/`nodes` field takes. */
export const MAX_LOOKUP_KEYS = 1000;

/** Checks an X id: a decimal string of 1 to 19 digits. */
export function checkRestId(value: string, argument: string): string {
  if (!ID_PATTERN.test(value)) {
    throw new BadUserInputError(
      `\`${argument}\` must be an X id, a decimal string of 1 to 19 digits; got ${JSON.stringify(clip(value))}.`,
    );
  }
  return value;
}

/** Checks an X username: 1 to 15 letters, digits or underscores. */
export function checkUsername(value: string, argument: string): string {
  if (!USERNAME_PATTERN.test(value)) {
    throw new BadUserInputError(
      `\`${argument}\` must be an X username of 1 to 15 letters, digits or underscores; got ${JSON.stringify(clip(value))}.`,
    );
  }
  return value;
}

/** Checks a list of keys is not too long, then each key. */
export function checkKeys(values: readonly string[], argument: string, check: typeof checkRestId): string[] {
  if (values.length > MAX_LOOKUP_KEYS) {
    throw new BadUserInputError(
      `\`${argument}\` takes at most ${MAX_LOOKUP_KEYS} values; got ${values.length}.`,
    );
  }
  return values.map((value, index) => check(value, `${argument}[${index}]`));
}

/** The arguments of a `followers`/`following` connection. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A checked page request: its size, direction and cursor. */
export interface PageRequest {
  readonly size: number;
  readonly direction: PageDirection;
  readonly cursor: string | undefined;
}

/**
 * Checks Relay pagination arguments: `first` with an optional `after`, or `last` with `before`.
 * X lists can be walked backward only from a known position, so `last` needs `before`.
 */
export function checkPageArgs(args: PageArgs): PageRequest {
  const { first, after, last, before } = args;
  if (first != null && last != null) throw new BadUserInputError('Give `first` or `last`, not both.');
  if (first != null) checkSize(first, 'first');
  if (last != null) checkSize(last, 'last');
  if (after != null && before != null) throw new BadUserInputError('Give `after` or `before`, not both.');
  if (after != null && last != null)
    throw new BadUserInputError('`after` pages forward: use it with `first`.');
  if (before != null && first != null)
    throw new BadUserInputError('`before` pages backward: use it with `last`.');
  if (last != null && before == null) {
    throw new BadUserInputError('`last` needs `before`: X lists are paged backward from a known cursor.');
  }
  if (last != null || before != null) {
    return { size: last ?? DEFAULT_PAGE_SIZE, direction: 'backward', cursor: before ?? undefined };
  }
  return { size: first ?? DEFAULT_PAGE_SIZE, direction: 'forward', cursor: after ?? undefined };
}

/** Checks a page size is within 1..1000. */
function checkSize(value: number, argument: string): void {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`\`${argument}\` must be between 1 and ${MAX_PAGE_SIZE}; got ${value}.`);
  }
}

/** Shortens a bad value before it is quoted in an error message. */
function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
