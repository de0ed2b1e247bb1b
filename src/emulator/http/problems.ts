/**
 * X's problem bodies, as `spec/SOURCE.md` and observed X answers show them. Each builder returns a plain
 * object the handlers put under `errors` (partial errors in a 200) or send as the whole body (4xx/5xx).
 */
import { STATUS_CODES } from 'node:http';

/** The base of X's v2 problem type URIs (2.166 names them under api.twitter.com). */
export const PROBLEM_BASE = 'https://api.twitter.com/2/problems/';

/** One entry of an invalid-request problem: the offending parameter values and a message. */
export interface ParameterError {
  readonly parameters: Record<string, string[]>;
  readonly message: string;
}

/** A resource kind X names in `resource_type`. */
export type ResourceType = 'user' | 'tweet';

/** The 400 body: every invalid parameter gets its own entry. */
export function invalidRequest(errors: readonly ParameterError[]): Record<string, unknown> {
  return {
    errors,
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: `${PROBLEM_BASE}invalid-request`,
  };
}

/** X's RFC 7807 body for statuses without a richer problem: 401, 429, 5xx (`type` is `about:blank`). */
export function genericProblem(status: number): Record<string, unknown> {
  const title = STATUS_CODES[status] ?? 'Error';
  return { title, type: 'about:blank', status, detail: title };
}

/** A missing user or tweet, reported inside a 200 answer: "Could not find user with id: [999]." */
export function notFound(
  resourceType: ResourceType,
  parameter: string,
  value: string,
): Record<string, unknown> {
  return {
    value,
    detail: `Could not find ${resourceType} with ${parameter}: [${value}].`,
    title: 'Not Found Error',
    resource_type: resourceType,
    parameter,
    resource_id: value,
    type: `${PROBLEM_BASE}resource-not-found`,
  };
}

/** A suspended user, named as the request named it (id or username): X reports it as resource-not-found titled "Forbidden". */
export function suspendedUser(parameter: string, value: string): Record<string, unknown> {
  return {
    value,
    detail: `User has been suspended: [${value}].`,
    title: 'Forbidden',
    resource_type: 'user',
    parameter,
    resource_id: value,
    type: `${PROBLEM_BASE}resource-not-found`,
  };
}

/** A protected account's list or tweet the caller may not see: the resource is withheld from `data`. */
export function notAuthorized(
  resourceType: ResourceType,
  parameter: string,
  id: string,
  section: 'data' | 'includes' = 'data',
): Record<string, unknown> {
  const noun = resourceType === 'user' ? 'user' : 'Tweet';
  return {
    value: id,
    detail: `Sorry, you are not authorized to see the ${noun} with ${parameter}: [${id}].`,
    title: 'Authorization Error',
    resource_type: resourceType,
    parameter,
    resource_id: id,
    section,
    type: `${PROBLEM_BASE}not-authorized-for-resource`,
  };
}

/** A field only some callers may see (a tweet's private metrics), left out of the object it belongs to. */
export function fieldUnauthorized(
  resourceType: ResourceType,
  field: string,
  resourceId: string,
  section: 'data' | 'includes',
): Record<string, unknown> {
  return {
    value: resourceId,
    detail: `Sorry, you are not authorized to access '${field}' on a ${resourceType === 'tweet' ? 'Tweet' : 'User'}.`,
    title: 'Field Authorization Error',
    resource_type: resourceType,
    field,
    parameter: resourceType === 'tweet' ? 'tweet.fields' : 'user.fields',
    resource_id: resourceId,
    section,
    type: `${PROBLEM_BASE}not-authorized-for-field`,
  };
}

/** `/2/users/me` with an app-only token: X answers 403 with this problem. */
export function unsupportedAuthentication(): Record<string, unknown> {
  return {
    title: 'Unsupported Authentication',
    detail:
      'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].',
    type: `${PROBLEM_BASE}unsupported-authentication`,
    status: 403,
  };
}

/**
 * An unknown route or method. X answers those with a 404 in its v1.1 error shape, even under `/2/`
 * (observed e.g. in abraham/twitteroauth#974: `{"errors":[{"message":"Sorry, that page does not exist","code":34}]}`).
 */
export function pageDoesNotExist(): Record<string, unknown> {
  return { errors: [{ message: 'Sorry, that page does not exist', code: 34 }] };
}
