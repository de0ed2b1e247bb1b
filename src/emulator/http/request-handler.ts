/**
 * The request pipeline: faults, routing, authentication, rate limiting, parameter validation, the
 * endpoint's handler, then the answer and its log entry. The order follows X: an unknown route is a 404
 * whoever asks; bad credentials a 401 (no rate-limit headers); then every answer of a known endpoint
 * counts against the caller's budget and carries `x-rate-limit-*` headers, 400s and 429s included.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatorStore } from '../store.ts';
import type { Principal } from './auth.ts';
import type { BillingLedger } from './billing.ts';
import type { FaultQueue } from './faults.ts';
import { generationOf, inGeneration } from './naming-generation.ts';
import type { PaginationTokens } from './pagination-tokens.ts';
import { genericProblem, invalidRequest, pageDoesNotExist, unsupportedAuthentication } from './problems.ts';
import { type RateLimiter, rateLimitHeaders } from './rate-limiter.ts';
import { queryRecord, type RequestLog } from './request-log.ts';
import type { ListPaging, RouteDef } from './route.ts';
import { matchRoute } from './router.ts';
import { validateParams } from './validate-params.ts';

/** Everything the pipeline needs, built once per emulator. */
export interface PipelineDeps {
  readonly store: EmulatorStore;
  readonly routes: readonly RouteDef[];
  readonly authenticate: (request: {
    method: string;
    url: string;
    authorization: string | undefined;
  }) => Principal | undefined;
  readonly rateLimiter: RateLimiter;
  readonly faults: FaultQueue;
  readonly tokens: PaginationTokens;
  readonly paging: ListPaging;
  readonly clock: () => number;
  readonly log: RequestLog;
  /** X's pay-per-use bill per app and UTC day. */
  readonly billing: BillingLedger;
  /** Aborted by `close()`: pending latency faults stop waiting. */
  readonly closing: AbortSignal;
}

/** An answer before it is written. */
interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly principal?: Principal;
  readonly endpoint?: string;
}

/** Creates the `request` listener of the emulator's HTTP server. */
export function createRequestListener(
  deps: PipelineDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch(() => {
      if (!res.headersSent) writeJson(res, 500, genericProblem(500), {});
      else res.destroy();
    });
  };
}

/** Runs one request through the pipeline. */
async function handle(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const time = deps.clock();
  const method = req.method ?? 'GET';
  const target = req.url ?? '/';
  const url = parseTarget(target);
  const base = { method, path: url.pathname, query: queryRecord(url.searchParams), time };
  const fault = deps.faults.take(url.pathname);
  if (fault?.kind === 'latency') {
    await sleep(fault.ms, undefined, { signal: deps.closing }).catch(() => undefined);
    if (deps.closing.aborted) return;
  } else if (fault?.kind === 'drop' || fault?.kind === 'hang') {
    deps.log.append({ ...base, status: 0, fault: fault.kind });
    // A hang leaves the socket open until the client gives up or `close()` ends it.
    if (fault.kind === 'drop') req.socket.destroy();
    return;
  } else if (fault?.kind === 'status') {
    deps.log.append({ ...base, status: fault.status, fault: 'status' });
    writeJson(res, fault.status, fault.body ?? genericProblem(fault.status), {});
    return;
  }
  let answer: Answer;
  try {
    answer = respond(deps, req, url);
  } catch {
    // A failing handler answers X's 500 and the emulator keeps serving.
    answer = { status: 500, body: genericProblem(500) };
  }
  const { principal, endpoint } = answer;
  deps.log.append({
    ...base,
    status: answer.status,
    ...(principal ? { principal: { kind: principal.kind, key: principal.key } } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(fault ? { fault: fault.kind } : {}),
  });
  writeJson(res, answer.status, answer.body, answer.headers ?? {}, fault?.kind === 'malformed');
}

/** The request target as a URL; a target that is no URL at all becomes one no route matches. */
function parseTarget(target: string): URL {
  try {
    return new URL(target.startsWith('/') ? `http://emulator${target}` : target);
  } catch {
    return new URL('http://emulator/unparsable-request-target');
  }
}

/** Computes the answer of a request that no fault cut short, in the naming generation it asked in. */
function respond(deps: PipelineDeps, req: IncomingMessage, url: URL): Answer {
  // Emulator-only: the bill X would send, per app and UTC day (no authentication, never rate limited).
  if (url.pathname === '/__emulator/billing' && req.method === 'GET') {
    return { status: 200, body: { days: deps.billing.days() } };
  }
  const answer = respondIn2166(deps, req, url);
  const generation = generationOf(url.searchParams);
  return generation === '2.166' ? answer : { ...answer, body: inGeneration(answer.body, generation) };
}

/** Computes the answer of a request that no fault cut short, in 2.166 names. */
function respondIn2166(deps: PipelineDeps, req: IncomingMessage, url: URL): Answer {
  const match = matchRoute(deps.routes, req.method ?? 'GET', url.pathname);
  if (!match) return { status: 404, body: pageDoesNotExist() };
  const { route, endpoint } = match;
  const host = req.headers.host ?? 'localhost';
  const principal = deps.authenticate({
    method: req.method ?? 'GET',
    url: `http://${host}${url.pathname}${url.search}`,
    authorization: req.headers.authorization,
  });
  if (!principal) return { status: 401, body: genericProblem(401), endpoint };
  const budget = deps.rateLimiter.take(endpoint, principal.key);
  const common = { headers: rateLimitHeaders(budget), principal, endpoint };
  if (!budget.allowed) return { status: 429, body: genericProblem(429), ...common };
  if (route.userContextOnly && principal.kind === 'app') {
    return { status: 403, body: unsupportedAuthentication(), ...common };
  }
  const validated = validateParams(route.params, match.pathValues, url.searchParams);
  if (!validated.ok) return { status: 400, body: invalidRequest(validated.errors), ...common };
  const result = route.handle({
    store: deps.store,
    principal,
    params: validated.params,
    tokens: deps.tokens,
    paging: deps.paging,
  });
  if ('invalid' in result) return { status: 400, body: invalidRequest(result.invalid), ...common };
  if (result.status === 200) deps.billing.record(principal, endpoint, result.body);
  return { status: result.status, body: result.body, ...common };
}

/** Writes a JSON answer; `truncate` sends only the first half of the body (the malformed-body fault). */
function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>>,
  truncate = false,
): void {
  const json = JSON.stringify(body);
  const payload = truncate ? json.slice(0, Math.floor(json.length / 2)) : json;
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-cache, no-store, max-age=0',
  });
  res.end(payload);
}
