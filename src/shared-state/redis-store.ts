import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import { zeroCounts } from '../rest/billing/billed-resources.ts';
import { DEFAULT_WINDOW_MS, type Reservation } from '../rest/limits/rate-limits.ts';
import {
  emitSharedEvent,
  type LockResult,
  type SharedCachedAnswer,
  type SharedStateListener,
  type SharedStore,
} from '../rest/shared-store.ts';
import type { Endpoint, RateLimitState } from '../rest/x-api.ts';
import { type BilledResources, RESOURCE_KINDS, type ResourceCounts } from '../rest/x-api.ts';
import { decodeAnswers, decodeRateLimit, encodeAnswers } from './codec.ts';
import { withDeadline } from './deadline.ts';
import { EXTEND_LOCK, MERGE_RATE_LIMIT, RELEASE_LOCK, RESERVE_CALL } from './redis-scripts.ts';

/**
 * `SharedStore` on Redis (ioredis). Keys, under `keyPrefix`: `cache:<base key>` (a group of answers,
 * PX = stale bound), `lock:<call>` (SET NX PX token), `rl:<principal key>` (a hash of endpoint ->
 * `limit|remaining|resetMs`, `|p` added while provisional), `spend:<app key>:<UTC day>:<kind>` (a set of
 * the resource ids the app was billed for that day, PX = two days). Base keys hold the principal's hash,
 * never a token.
 *
 * Failure handling: commands fail fast (no offline queue, one try, `commandTimeoutMs` measured so that
 * the gateway's own event-loop lag does not count, see `deadline.ts`); a failed
 * command answers neutrally. A lost connection, or `TIMEOUTS_FOR_OUTAGE` timeouts in a row (one late
 * reply is often the gateway's own busy event loop, not Redis), marks the store down: one `unavailable`
 * event, then every operation answers neutrally without touching Redis until ioredis reconnects
 * (`ready`, reported as `recovered`) or, for a slow but connected server, until a probe after
 * `probeAfterMs` succeeds. Every failed command is one `error` event. An error reply (e.g. OOM under `maxmemory`) is counted but keeps the
 * store up: the next command may well succeed.
 */

/** Options of `createRedisStore`. */
export interface RedisStoreOptions {
  /** `REDIS_URL`: `redis://` or `rediss://` (TLS), with optional user, password and database. */
  readonly url: string;
  /** Receives the events of the shared level. */
  readonly onShared?: SharedStateListener | undefined;
  /** Time limit of one command. @default 200 */
  readonly commandTimeoutMs?: number;
  /** Groups larger than this (encoded) are not stored. @default 67108864 (64 MiB) */
  readonly maxEntryBytes?: number;
  /** Prefix of every key, so several deployments can share one Redis. @default 'xgw:' */
  readonly keyPrefix?: string;
  /** While connected but failing, the next command is tried after this long. @default 1000 */
  readonly probeAfterMs?: number;
}

/**
 * ioredis, required when the first store is created rather than imported with this module: the server
 * (`src/server.ts`) imports this module always, and ioredis costs about 20 MB of resident memory a gateway without
 * `REDIS_URL` does not need. (ioredis is CommonJS, so a synchronous `require` loads it.)
 */
function loadIoredis(): typeof import('ioredis') {
  return createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
}

/** Consecutive command failures that make a connected Redis count as down. */
const TIMEOUTS_FOR_OUTAGE = 3;

/** Connects to Redis (in the background; the store answers neutrally until connected). */
export function createRedisStore(options: RedisStoreOptions): SharedStore {
  return new RedisStore(options);
}

/** The ioredis-backed store. */
class RedisStore implements SharedStore {
  readonly #redis: Redis;
  readonly #onShared: SharedStateListener | undefined;
  readonly #maxEntryBytes: number;
  readonly #probeAfterMs: number;
  readonly #commandTimeoutMs: number;
  /** `down` from the first failure of an outage until Redis answers again. */
  #down = false;
  /** While down but connected, commands are skipped until this time (epoch ms). */
  #skipUntil = 0;
  /** Command failures in a row while connected. */
  #failuresInRow = 0;

  constructor(options: RedisStoreOptions) {
    this.#onShared = options.onShared;
    this.#maxEntryBytes = options.maxEntryBytes ?? 64 * 1024 * 1024;
    this.#probeAfterMs = options.probeAfterMs ?? 1000;
    const commandTimeoutMs = options.commandTimeoutMs ?? 200;
    this.#commandTimeoutMs = commandTimeoutMs;
    const { Redis: RedisClient } = loadIoredis();
    this.#redis = new RedisClient(options.url, {
      keyPrefix: options.keyPrefix ?? 'xgw:',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      // A backstop only: `#run` applies the real limit (see `deadline.ts`).
      commandTimeout: Math.max(1000, commandTimeoutMs * 5),
      connectTimeout: Math.max(1000, commandTimeoutMs * 5),
      // Reconnect for ever, at most a second apart: recovery is automatic.
      retryStrategy: (times) => Math.min(1000, 50 * 2 ** Math.min(times, 5)),
    });
    this.#redis.on('ready', () => this.#recovered());
    this.#redis.on('error', (error: Error) => this.#failed('connection', error));
    this.#redis.on('close', () => {
      if (!this.#down) this.#failed('connection', new Error('connection to Redis closed'));
    });
  }

  get available(): boolean {
    return this.#redis.status === 'ready' && !this.#down;
  }

  async readAnswers(baseKey: string): Promise<SharedCachedAnswer[]> {
    const value = await this.#run('get', null, (redis) => redis.getBuffer(`cache:${baseKey}`));
    if (!value) return [];
    const answers = await decodeAnswers(value);
    if (!answers) emitSharedEvent(this.#onShared, { kind: 'error', operation: 'decode' });
    return answers ?? [];
  }

  async writeAnswers(baseKey: string, answers: readonly SharedCachedAnswer[], ttlMs: number): Promise<void> {
    if (!this.#usable() || ttlMs <= 0) return;
    const value = await encodeAnswers(answers);
    if (value.length > this.#maxEntryBytes) return;
    await this.#run('set', null, (redis) => redis.set(`cache:${baseKey}`, value, 'PX', ttlMs));
  }

  async acquireLock(name: string, ttlMs: number): Promise<LockResult> {
    const token = randomBytes(12).toString('base64url');
    const reply = await this.#run('lock', undefined, (redis) =>
      redis.set(`lock:${name}`, token, 'PX', ttlMs, 'NX'),
    );
    if (reply === undefined) return { acquired: false, reason: 'unavailable' };
    return reply === 'OK' ? { acquired: true, token } : { acquired: false, reason: 'held' };
  }

  async extendLock(name: string, token: string, ttlMs: number): Promise<boolean> {
    const reply = await this.#run('lock', 0, (redis) =>
      redis.eval(EXTEND_LOCK, 1, `lock:${name}`, token, ttlMs),
    );
    return reply === 1;
  }

  async releaseLock(name: string, token: string): Promise<void> {
    await this.#run('unlock', 0, (redis) => redis.eval(RELEASE_LOCK, 1, `lock:${name}`, token));
  }

  async readRateLimit(principalKey: string, endpoint: Endpoint): Promise<RateLimitState | undefined> {
    const value = await this.#run('rate-limit-read', null, (redis) =>
      redis.hget(`rl:${principalKey}`, endpoint),
    );
    return value === null ? undefined : decodeRateLimit(endpoint, value);
  }

  async reserveCall(
    principalKey: string,
    endpoint: Endpoint,
    documentedLimit: number,
  ): Promise<Reservation | undefined> {
    const reply = await this.#run('rate-limit-reserve', null, (redis) =>
      redis.eval(
        RESERVE_CALL,
        1,
        `rl:${principalKey}`,
        endpoint,
        Date.now(),
        documentedLimit,
        DEFAULT_WINDOW_MS,
      ),
    );
    if (!Array.isArray(reply) || typeof reply[1] !== 'string') return undefined;
    const state = decodeRateLimit(endpoint, reply[1]);
    return state && { taken: reply[0] === 1, state };
  }

  async listRateLimits(principalKey: string): Promise<RateLimitState[]> {
    const all = await this.#run('rate-limit-read', {}, (redis) => redis.hgetall(`rl:${principalKey}`));
    return Object.entries(all)
      .map(([endpoint, value]) => decodeRateLimit(endpoint as Endpoint, value))
      .filter((state): state is RateLimitState => state !== undefined)
      .sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0));
  }

  async writeRateLimit(principalKey: string, state: RateLimitState): Promise<void> {
    // Kept one window past its reset, so the limit stays known after the window reopens.
    const now = Date.now();
    const keepMs = Math.max(0, state.resetAt.getTime() - now) + DEFAULT_WINDOW_MS;
    await this.#run('rate-limit-write', 0, (redis) =>
      redis.eval(
        MERGE_RATE_LIMIT,
        1,
        `rl:${principalKey}`,
        state.endpoint,
        state.limit,
        state.remaining,
        state.resetAt.getTime(),
        keepMs,
        state.provisional ? 'p' : '',
        now,
      ),
    );
  }

  async recordSpend(
    appKey: string,
    day: string,
    resources: BilledResources,
    ttlMs: number,
  ): Promise<{ added: ResourceCounts; totals: ResourceCounts } | undefined> {
    const replies = await this.#run('spend-record', undefined, async (redis) => {
      const pipeline = redis.multi();
      for (const kind of RESOURCE_KINDS) {
        const key = spendKey(appKey, day, kind);
        const ids = resources[kind];
        if (ids.length > 0) pipeline.sadd(key, ...ids).pexpire(key, ttlMs);
        else pipeline.scard(key).scard(key); // keeps two replies per kind
        pipeline.scard(key);
      }
      return pipeline.exec();
    });
    if (!replies) return undefined;
    const added = zeroCounts();
    const totals = zeroCounts();
    for (const [index, kind] of RESOURCE_KINDS.entries()) {
      const [addReply, , cardReply] = replies.slice(index * 3, index * 3 + 3);
      if (addReply?.[0] || cardReply?.[0]) return undefined;
      added[kind] = resources[kind].length > 0 ? Number(addReply?.[1] ?? 0) : 0;
      totals[kind] = Number(cardReply?.[1] ?? 0);
    }
    return { added, totals };
  }

  async readSpend(appKey: string, day: string): Promise<ResourceCounts | undefined> {
    const replies = await this.#run('spend-read', undefined, (redis) => {
      const pipeline = redis.pipeline();
      for (const kind of RESOURCE_KINDS) pipeline.scard(spendKey(appKey, day, kind));
      return pipeline.exec();
    });
    if (!replies || replies.some(([error]) => error)) return undefined;
    const totals = zeroCounts();
    for (const [index, kind] of RESOURCE_KINDS.entries()) totals[kind] = Number(replies[index]?.[1] ?? 0);
    return totals;
  }

  async ready(timeoutMs: number): Promise<boolean> {
    if (this.available) return true;
    return new Promise<boolean>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#redis.off('ready', done);
        resolve(this.available);
      };
      const timer = setTimeout(done, timeoutMs);
      this.#redis.on('ready', done);
    });
  }

  async close(): Promise<void> {
    this.#redis.removeAllListeners('close');
    this.#redis.on('error', () => {});
    this.#redis.disconnect();
  }

  /** Whether a command may be sent now (connected, and not in a failing spell awaiting its probe). */
  #usable(): boolean {
    return this.#redis.status === 'ready' && (!this.#down || Date.now() >= this.#skipUntil);
  }

  /** Runs one command; on failure reports it and answers `fallback`. */
  async #run<T, F>(operation: string, fallback: F, command: (redis: Redis) => Promise<T>): Promise<T | F> {
    if (!this.#usable()) return fallback;
    try {
      const result = await withDeadline(command(this.#redis), this.#commandTimeoutMs, `Redis ${operation}`);
      this.#failuresInRow = 0;
      if (this.#down) this.#recovered();
      return result;
    } catch (error) {
      emitSharedEvent(this.#onShared, { kind: 'error', operation });
      this.#failuresInRow = isReplyError(error) ? 0 : this.#failuresInRow + 1;
      if (this.#down || this.#failuresInRow >= TIMEOUTS_FOR_OUTAGE) this.#markDown(error as Error);
      return fallback;
    }
  }

  /** Counts a connection failure and marks the store down. */
  #failed(operation: string, error: Error): void {
    emitSharedEvent(this.#onShared, { kind: 'error', operation });
    this.#markDown(error);
  }

  /** Marks the store down until its next probe; the first failure of an outage is reported as `unavailable`. */
  #markDown(error: Error): void {
    this.#skipUntil = Date.now() + this.#probeAfterMs;
    if (this.#down) return;
    this.#down = true;
    emitSharedEvent(this.#onShared, { kind: 'unavailable', message: error.message || String(error) });
  }

  /** Ends an outage (Redis answered, or ioredis reconnected). */
  #recovered(): void {
    if (!this.#down) return;
    this.#down = false;
    this.#skipUntil = 0;
    this.#failuresInRow = 0;
    emitSharedEvent(this.#onShared, { kind: 'recovered' });
  }
}

/** The key of the set of one app's resources of one kind billed in one UTC day. */
function spendKey(appKey: string, day: string, kind: string): string {
  return `spend:${appKey}:${day}:${kind}`;
}

/** True for an error reply of the server (it answered), as opposed to a connection failure or a timeout. */
function isReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError';
}
