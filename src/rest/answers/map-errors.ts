import {
  BadUserInputError,
  ForbiddenError,
  type GatewayError,
  NotFoundError,
  UnauthenticatedError,
  UpstreamError,
} from '../errors.ts';
import type { Endpoint } from '../x-api.ts';
import type { XProblem } from '../x-types.ts';

/**
 * From X's non-2xx answers and problem documents to the gateway's error hierarchy.
 * Messages name the endpoint template and X's words; they never hold a token, a URL or a header.
 */

/** X's problem types, by the last segment of `https://api.twitter.com/2/problems/<name>`. */
const FORBIDDEN_TYPES = new Set([
  'not-authorized-for-resource',
  'not-authorized-for-field',
  'client-forbidden',
  'unsupported-authentication',
  'oauth1-permissions',
  'disallowed-resource',
]);
const NOT_FOUND_TYPES = new Set(['resource-not-found']);

/** Reads an RFC 7807 problem from a body, or undefined when the body is not one. */
export function readProblem(text: string): XProblem | undefined {
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
    const { type, title } = json as Record<string, unknown>;
    return typeof type === 'string' && typeof title === 'string' ? (json as XProblem) : undefined;
  } catch {
    return undefined;
  }
}

/** The error for a 4xx answer other than 429 (which carries rate-limit state and is built by the caller). */
export function errorForClientStatus(
  status: number,
  problem: XProblem | undefined,
  endpoint: Endpoint,
): GatewayError {
  const said = problem ? `: ${problem.title}${problem.detail ? ` (${problem.detail})` : ''}` : '';
  const options = { upstream: problem ?? { type: 'about:blank', title: `HTTP ${status}`, status } };
  if (status === 401)
    return new UnauthenticatedError(`X rejected the credentials for ${endpoint}${said}.`, options);
  if (status === 403) return new ForbiddenError(`X refused ${endpoint}${said}.`, options);
  if (status === 404) return new NotFoundError(`X found nothing at ${endpoint}${said}.`, options);
  if (status === 400) {
    return new BadUserInputError(
      `X rejected the parameters of ${endpoint}${said}${parameterMessages(problem)}.`,
      options,
    );
  }
  return new UpstreamError(`X answered ${endpoint} with HTTP ${status}${said}.`, options);
}

/** The error for a 5xx answer once retries are spent. */
export function errorForServerStatus(
  status: number,
  problem: XProblem | undefined,
  endpoint: Endpoint,
): UpstreamError {
  const said = problem ? `: ${problem.title}` : '';
  return new UpstreamError(`X failed on ${endpoint} with HTTP ${status}${said}.`, {
    upstream: problem ?? { type: 'about:blank', title: `HTTP ${status}`, status },
    extensions: { status },
  });
}

/**
 * The error for a partial-error problem that refuses a whole call (for example the followers of a
 * protected account, or of a user that does not exist): `NOT_FOUND`, `FORBIDDEN`, else `UPSTREAM_ERROR`.
 */
export function errorForProblem(problem: XProblem, endpoint: Endpoint): GatewayError {
  const kind = problemKind(problem);
  const message = `${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`;
  if (kind === 'not-found') return new NotFoundError(message, { upstream: problem });
  if (kind === 'forbidden') return new ForbiddenError(message, { upstream: problem });
  return new UpstreamError(`X answered ${endpoint} with a problem: ${message}`, { upstream: problem });
}

/** Classifies a problem by its type. */
export function problemKind(problem: XProblem): 'not-found' | 'forbidden' | 'other' {
  const name = problem.type.slice(problem.type.lastIndexOf('/') + 1);
  if (NOT_FOUND_TYPES.has(name)) return 'not-found';
  return FORBIDDEN_TYPES.has(name) ? 'forbidden' : 'other';
}

/** X's per-parameter messages of a 400 (`errors[].message`), joined. */
function parameterMessages(problem: XProblem | undefined): string {
  const errors = problem?.errors;
  if (!Array.isArray(errors)) return '';
  const messages = errors
    .map((e: unknown) =>
      typeof e === 'object' && e !== null ? (e as { message?: unknown }).message : undefined,
    )
    .filter((m): m is string => typeof m === 'string');
  return messages.length > 0 ? ` — ${messages.join('; ')}` : '';
}
