import { builder } from '../builder.ts';
import type { RateLimitState } from '../rest/x-api.ts';

/** `Query.rateLimit`: X's budget for the caller's principal, as the last answers' headers told it. */

const RateLimitRef = builder.objectRef<RateLimitState>('RateLimit').implement({
  description:
    "X's rate-limit window of one endpoint for the caller, from the last `x-rate-limit-*` headers.",
  fields: (t) => ({
    endpoint: t.exposeString('endpoint', {
      description: 'The endpoint, as X names it: `GET /2/users/:id/followers`.',
    }),
    limit: t.exposeInt('limit', { description: 'Requests allowed per window.' }),
    remaining: t.exposeInt('remaining', { description: 'Requests left in the current window.' }),
    used: t.int({
      description: 'Requests spent in the current window.',
      resolve: (s) => Math.max(0, s.limit - s.remaining),
    }),
    resetAt: t.field({ type: 'DateTime', description: 'When the window resets.', resolve: (s) => s.resetAt }),
  }),
});

builder.queryField('rateLimit', (t) =>
  t.field({
    type: [RateLimitRef],
    description:
      "X's budget for the caller, one entry per endpoint the gateway has called for it. Makes no call.",
    resolve: (_root, _args, ctx) =>
      [...ctx.session.rateLimits()].sort((a, b) => a.endpoint.localeCompare(b.endpoint)),
  }),
);
