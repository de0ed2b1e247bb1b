/**
 * Starts the embedded X API v2 emulator on real HTTP. It implements X, not the gateway's needs: the 2.166
 * spec, `spec/SOURCE.md` and the documentation page decide how it answers. It imports nothing from the
 * gateway.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStore } from './data/create-store.ts';
import { createAuthenticator, createUserTokens } from './http/auth.ts';
import { type BillingDay, createBillingLedger } from './http/billing.ts';
import { createFaultQueue, type FaultControl } from './http/faults.ts';
import { checkShortPagesShare, visibleIds } from './http/left-out.ts';
import {
  createPaginationTokens,
  type ListKind,
  type PreviousTokenReading,
} from './http/pagination-tokens.ts';
import { createRateLimiter } from './http/rate-limiter.ts';
import { createRequestListener } from './http/request-handler.ts';
import { createRequestLog, type RequestLogEntry } from './http/request-log.ts';
import { ROUTES } from './http/router.ts';

import { createOAuth1Verifier, type OAuth1Credentials } from './oauth1-verify.ts';
import type { EmulatorStore } from './store.ts';

/** The app-only bearer token the emulator accepts when `appTokens` is not given. */
export const DEFAULT_APP_TOKEN = 'emulator-app-token';

/** The seed of the emulated world when none is given. */
export const DEFAULT_SEED = 42;

/** The OAuth 1.0a credentials the emulator accepts when `oauth1` is not given: TwitterDev's. */
export const DEFAULT_OAUTH1_CREDENTIALS: OAuth1Credentials = {
  consumerKey: 'emulator-consumer-key',
  consumerSecret: 'emulator-consumer-secret',
  accessToken: '2244994945-emulator-access-token',
  accessTokenSecret: 'emulator-access-token-secret',
  userId: '2244994945',
};

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** Seed of the emulated world, used when `store` is not given. @default 42 */
  readonly seed?: number;
  /** The emulated world. @default createStore({ seed }) */
  readonly store?: EmulatorStore;
  /** Current time in epoch milliseconds (rate-limit windows, OAuth 1.0a timestamps). @default Date.now */
  readonly clock?: () => number;
  /**
   * Requests per 15-minute window per endpoint and principal, or `'off'` (nothing refused; the headers
   * still come, with a nominal limit of 1,000,000). @default 15
   */
  readonly rateLimit?: number | 'off';
  /** Accepted OAuth 2.0 app-only bearer tokens. @default ['emulator-app-token'] */
  readonly appTokens?: readonly string[];
  /** Accepted OAuth 1.0a credentials. @default [DEFAULT_OAUTH1_CREDENTIALS] */
  readonly oauth1?: OAuth1Credentials | readonly OAuth1Credentials[];
  /** Key of user tokens and pagination tokens. @default derived from the store's seed (stable across restarts) */
  readonly secret?: string;
  /**
   * What a `previous_token` of the list endpoints means: `'boundary'`, the page ending where the current
   * page starts, with any `max_results`; `'same-size'`, the previous page of the `max_results` of the call
   * that returned it (another `max_results` then overlaps or skips accounts). @default 'boundary'
   */
  readonly previousToken?: PreviousTokenReading;
  /**
   * Share in [0, 1) of the accounts the list endpoints leave out of their pages (fixed per seed, list and
   * position), as X leaves out suspended or deactivated accounts: pages may come back short or empty with a
   * `next_token`. @default 0
   */
  readonly shortPages?: number;
}

/** A running emulator. */
export interface EmulatorHandle {
  /** Base URL, e.g. `http://127.0.0.1:4010` (no trailing slash; loopback when listening on all interfaces). */
  readonly url: string;
  /** Every request received, oldest first (at most 10,000 kept). */
  readonly requests: RequestLogEntry[];
  /** Empties `requests`. */
  clearRequests(): void;
  /** Fault injection for the next requests. */
  readonly faults: FaultControl;
  readonly store: EmulatorStore;
  /** An OAuth 2.0 user-context bearer token for the emulated user `userId` (throws for unknown users). */
  issueUserToken(userId: string): string;
  /** The app-only tokens accepted. */
  readonly appTokens: readonly string[];
  /** The OAuth 1.0a credentials accepted. */
  readonly oauth1: readonly OAuth1Credentials[];
  /** Forgets every rate-limit bucket. */
  resetRateLimits(): void;
  /** X's pay-per-use bill per app and UTC day, as `GET /__emulator/billing` answers it. */
  billing(): BillingDay[];
  /** What `previous_token` means on this emulator. */
  readonly previousToken: PreviousTokenReading;
  /** The share of accounts the list endpoints leave out. */
  readonly shortPages: number;
  /**
   * A list as its pages show it, all pages together: ids in X's order (most recent first), without the
   * accounts `shortPages` leaves out. Empty for unknown users.
   */
  visibleList(kind: ListKind, userId: string): readonly string[];
  /** The number of positions of a list, left-out accounts included (what pages are cut over). */
  listSize(kind: ListKind, userId: string): number;
  /** Stops listening and ends every open connection, hung ones included; later calls return the same promise. */
  close(): Promise<void>;
}

/** Starts an emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const rateLimit = options.rateLimit ?? 15;
  if (rateLimit !== 'off' && (!Number.isInteger(rateLimit) || rateLimit < 1)) {
    throw new RangeError(`rateLimit must be a positive integer or 'off', got ${String(rateLimit)}`);
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer 0..65535, got ${String(port)}`);
  }
  const appTokens = [...(options.appTokens ?? [DEFAULT_APP_TOKEN])];
  if (appTokens.length === 0 || appTokens.some((t) => !/^\S+$/.test(t))) {
    throw new RangeError('appTokens must hold at least one token without whitespace');
  }
  const oauth1 = options.oauth1 === undefined ? [DEFAULT_OAUTH1_CREDENTIALS] : [options.oauth1].flat();
  const store = options.store ?? createStore({ seed: options.seed ?? DEFAULT_SEED });
  for (const credentials of oauth1) {
    if (!store.userById(credentials.userId)) {
      throw new RangeError(
        `oauth1 credentials ${credentials.consumerKey} name user ${credentials.userId}, who does not exist`,
      );
    }
  }
  const previousToken = options.previousToken ?? 'boundary';
  if (previousToken !== 'boundary' && previousToken !== 'same-size') {
    throw new RangeError(`previousToken must be 'boundary' or 'same-size', got ${String(previousToken)}`);
  }
  const shortPages = checkShortPagesShare(options.shortPages ?? 0);
  const clock = options.clock ?? Date.now;
  const secret = options.secret ?? `x-api-emulator:${store.seed}`;
  const derive = (purpose: string): Buffer => createHmac('sha256', secret).update(purpose).digest();
  const userTokens = createUserTokens(derive('user-tokens'));
  const log = createRequestLog();
  const faults = createFaultQueue();
  const rateLimiter = createRateLimiter({ limit: rateLimit, clock });
  const billing = createBillingLedger(clock);
  const closing = new AbortController();
  const server = createServer(
    createRequestListener({
      store,
      routes: ROUTES,
      authenticate: createAuthenticator({
        appTokens,
        userTokens,
        verifyOAuth1: createOAuth1Verifier({ credentials: oauth1, clock }),
        store,
      }),
      rateLimiter,
      faults,
      tokens: createPaginationTokens(derive('pagination-tokens')),
      paging: { previousToken, shortPages },
      clock,
      log,
      billing,
      closing: closing.signal,
    }),
  );
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  // Clients cannot always dial the unspecified address: name loopback in `url` when listening on all interfaces.
  const shown =
    address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  const urlHost = address.family === 'IPv6' ? `[${shown}]` : shown;
  return {
    url: `http://${urlHost}:${address.port}`,
    requests: log.entries,
    clearRequests: () => log.clear(),
    faults: {
      inject: faults.inject,
      clear: faults.clear,
      get pending() {
        return faults.pending;
      },
    },
    store,
    issueUserToken(userId) {
      if (!store.userById(userId)) throw new RangeError(`no emulated user with id ${userId}`);
      return userTokens.issue(userId);
    },
    appTokens,
    oauth1,
    resetRateLimits: () => rateLimiter.reset(),
    billing: () => billing.days(),
    previousToken,
    shortPages,
    visibleList: (kind, userId) => visibleIds(store, kind, userId, shortPages),
    listSize: (kind, userId) =>
      (kind === 'followers' ? store.followers(userId) : store.following(userId)).length,
    close: () => {
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
