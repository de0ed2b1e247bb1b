import { describe, expect, it } from 'vitest';
import {
  errorForClientStatus,
  errorForProblem,
  errorForServerStatus,
  problemKind,
  readProblem,
} from '../../../src/rest/answers/map-errors.ts';
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  UpstreamError,
} from '../../../src/rest/errors.ts';

const E = 'GET /2/users/:id/followers';
const P = 'https://api.twitter.com/2/problems';

describe('readProblem', () => {
  it('reads an RFC 7807 body and nothing else', () => {
    expect(readProblem('{"title":"Unauthorized","type":"about:blank","status":401}')?.status).toBe(401);
    expect(readProblem('{"title":"x"}')).toBeUndefined();
    expect(readProblem('[1]')).toBeUndefined();
    expect(readProblem('<html>')).toBeUndefined();
  });
});

describe('errorForClientStatus', () => {
  it('maps 401, 403, 404 and 400 to their contract codes with X problem', () => {
    const problem = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };
    const unauthenticated = errorForClientStatus(401, problem, E);
    expect(unauthenticated).toBeInstanceOf(UnauthenticatedError);
    expect(unauthenticated.upstream).toEqual(problem);
    expect(unauthenticated.message).toBe(`X rejected the credentials for ${E}: Unauthorized (Unauthorized).`);
    expect(errorForClientStatus(403, undefined, E)).toBeInstanceOf(ForbiddenError);
    expect(errorForClientStatus(404, undefined, E)).toBeInstanceOf(NotFoundError);
    expect(errorForClientStatus(400, undefined, E)).toBeInstanceOf(BadUserInputError);
  });

  it('keeps only the RFC 7807 members of a problem', () => {
    const error = errorForClientStatus(
      403,
      {
        title: 'Forbidden',
        type: `${P}/client-forbidden`,
        reason: 'client-not-enrolled',
        registration_url: 'u',
      },
      E,
    );
    expect(error.upstream).toEqual({ title: 'Forbidden', type: `${P}/client-forbidden` });
  });

  it('names X parameter messages of a 400', () => {
    const error = errorForClientStatus(
      400,
      {
        errors: [
          {
            parameters: { max_results: ['0'] },
            message: 'The `max_results` query parameter value [0] is not between 1 and 1000',
          },
        ],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: `${P}/invalid-request`,
      },
      E,
    );
    expect(error.message).toContain('The `max_results` query parameter value [0] is not between 1 and 1000');
  });

  it('maps other statuses to UPSTREAM_ERROR with a synthesised problem', () => {
    const error = errorForClientStatus(418, undefined, E);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.upstream).toEqual({ type: 'about:blank', title: 'HTTP 418', status: 418 });
  });
});

describe('errorForServerStatus', () => {
  it('carries the status', () => {
    const error = errorForServerStatus(503, undefined, E);
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.extensions.status).toBe(503);
  });
});

describe('errorForProblem', () => {
  it('turns partial-error problems into NOT_FOUND, FORBIDDEN or UPSTREAM_ERROR', () => {
    const base = { title: 'T', detail: 'D' };
    expect(errorForProblem({ ...base, type: `${P}/resource-not-found` }, E)).toBeInstanceOf(NotFoundError);
    expect(errorForProblem({ ...base, type: `${P}/not-authorized-for-resource` }, E)).toBeInstanceOf(
      ForbiddenError,
    );
    expect(errorForProblem({ ...base, type: `${P}/unsupported-authentication` }, E)).toBeInstanceOf(
      ForbiddenError,
    );
    expect(errorForProblem({ ...base, type: `${P}/resource-unavailable` }, E)).toBeInstanceOf(UpstreamError);
    expect(errorForProblem({ ...base, type: `${P}/resource-not-found` }, E).message).toBe('T: D');
  });

  it('classifies the problem types of the newer api.x.com namespace the same way', () => {
    expect(problemKind({ title: 'T', type: 'https://api.x.com/2/problems/resource-not-found' })).toBe(
      'not-found',
    );
  });
});
